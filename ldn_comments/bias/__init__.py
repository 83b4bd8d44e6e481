"""Teaching tools for anecdotal-evidence bias: why a thread of testimonials cannot tell
whether LDN works.

- :mod:`.measures`: the thread itself, as labelled tables: :func:`writers`,
  :func:`writer_concentration`, :func:`second_hand_share`, :func:`reply_dynamics`,
  :func:`survivorship` and :func:`bias_profile` (all warning signs in one table).
- :mod:`.sentiment`: :func:`sentiment_vs_effect`, VADER's word-counting sentiment beside
  the extracted effect (offline: the lexicon ships with ``vaderSentiment``).
- :mod:`.simulate`: seeded simulations: :func:`simulate_self_selection`,
  :func:`simulate_regression_to_mean`, :func:`simulate_placebo_and_natural_history`
  (with the randomised-trial contrast).
- :mod:`.plots`: one ``plot_*`` per table, seaborn-style.

Examples
--------
>>> from ldn_comments.bias import bias_profile, simulate_self_selection
>>> simulate_self_selection(1000, 0.3, 0.6, 0.1, seed=0).attrs["unit"]
'person'
"""
from .measures import (
                       bias_profile,
                       reply_dynamics,
                       second_hand_share,
                       survivorship,
                       writer_concentration,
                       writers,
)
from .plots import (
                       plot_bias_profile,
                       plot_placebo_and_natural_history,
                       plot_regression_to_mean,
                       plot_reply_dynamics,
                       plot_second_hand_share,
                       plot_self_selection,
                       plot_sentiment_vs_effect,
                       plot_survivorship,
                       plot_writer_concentration,
)
from .sentiment import sentiment_scores, sentiment_vs_effect
from .simulate import (
                       simulate_placebo_and_natural_history,
                       simulate_regression_to_mean,
                       simulate_self_selection,
                       thread_rate,
)

__all__ = [
    "bias_profile", "plot_bias_profile", "plot_placebo_and_natural_history",
    "plot_regression_to_mean", "plot_reply_dynamics", "plot_second_hand_share",
    "plot_self_selection", "plot_sentiment_vs_effect", "plot_survivorship",
    "plot_writer_concentration", "reply_dynamics", "second_hand_share", "sentiment_scores",
    "sentiment_vs_effect", "simulate_placebo_and_natural_history",
    "simulate_regression_to_mean", "simulate_self_selection", "survivorship",
    "thread_rate", "writer_concentration", "writers",
]
