"""Teaching tools for anecdotal-evidence bias (being written)."""
from .measures import (bias_profile, reply_dynamics, second_hand_share, survivorship,
                       writer_concentration, writers)
from .sentiment import sentiment_scores, sentiment_vs_effect
from .simulate import (simulate_placebo_and_natural_history, simulate_regression_to_mean,
                       simulate_self_selection, thread_rate)
