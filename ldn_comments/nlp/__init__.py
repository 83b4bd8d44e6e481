"""Text tools with no pandas: normalisation, sentences, assertion scopes, drug context,
mentions, the compiled patterns and the per-comment :class:`~ldn_comments.nlp.doc.Doc`.

=================  ========================================================================
module             job
=================  ========================================================================
:mod:`.text`       offset-keeping normalisation, sentence spans, numbers
:mod:`.assertion`  ConText scopes: negated, hypothetical, historical, other person
:mod:`.context`    the drug a source says a text is about (a review's drug column)
:mod:`.patterns`   the compiled patterns the fields read, built once from the lexicons
:mod:`.mentions`   LDN, full-dose naltrexone and other therapy mentions
:mod:`.doc`        :class:`~ldn_comments.nlp.doc.Doc`: one comment prepared once, with the
                   cached match seam (:meth:`~ldn_comments.nlp.doc.Doc.finditer`)
=================  ========================================================================
"""
