"""Per-comment language analysis: normalised text, sentences and the outcome grammar."""
