"""``python -m ldn_comments`` runs the command line."""
from .cli import run

run()
