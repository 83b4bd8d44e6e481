"""Text tools of the extractor: the per-comment document and its compiled scan."""
