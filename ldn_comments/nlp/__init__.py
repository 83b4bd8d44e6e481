"""Per-comment language analysis: who each sentence is about (the experiencer)."""
