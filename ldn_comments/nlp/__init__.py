"""Text tools with no pandas: normalisation, sentences, assertion scopes, drug context,
mentions, the compiled patterns, the per-comment :class:`~ldn_comments.nlp.doc.Doc` and the
outcome grammar.

=================  ========================================================================
module             job
=================  ========================================================================
:mod:`.text`       offset-keeping normalisation, sentence spans, numbers
:mod:`.assertion`  ConText scopes: negated, hypothetical, historical, other person
:mod:`.context`    the drug a source says a text is about (a review's drug column)
:mod:`.patterns`   the compiled patterns the fields read, built once from the lexicons
:mod:`.mentions`   LDN, full-dose naltrexone and other therapy mentions
:mod:`.experiencer` who each sentence is about, the comment's subject, questions,
                   diaries, tense and aspect
:mod:`.focus`      the text about the subject that the fields read, and the experiencer's
                   decisions on role, question, use and second hand
:mod:`.doc`        :class:`~ldn_comments.nlp.doc.Doc`: one comment prepared once, with the
                   cached match seam (:meth:`~ldn_comments.nlp.doc.Doc.finditer`)
:mod:`.outcomes`   the outcome grammar: cause + change + object, verdicts, contrast
                   clauses, symptoms before the drug (clause-level findings with rule ids)
=================  ========================================================================
"""
