"""Teaching tools for anecdotal-evidence bias (being written)."""
from .measures import (bias_profile, reply_dynamics, second_hand_share, survivorship,
                       writer_concentration, writers)
