# The first of MiniLM's six layers: the classifier only decides the sentences the rules are unsure
# of, and one layer does that as well as two for half the cost (project corpus, 5-fold CV hybrid
# macro-F1 .812 with either; ConfliBERT class macro-F1 with the hybrid .848 against .845); six
# layers cost six times as much for little more (0.717 against 0.708 for two, classifier alone).
DEFAULT_LAYERS = 1
