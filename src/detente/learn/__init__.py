# No transformer layer: the sentence is embedded by pooling MiniLM's input embeddings (word
# piece + position). The classifier only decides the sentences the rules are unsure of, and a
# bag of word pieces does that as well as one or two layers (project corpus, 5-fold CV hybrid
# macro-F1 .813 against .812 for one layer; classifier alone .840 against .829; ConfliBERT class
# macro-F1 .851 against .852) for about a tenth of the cost. Six layers cost many times as much
# for little more.
DEFAULT_LAYERS = 0
