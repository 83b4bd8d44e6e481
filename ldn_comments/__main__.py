"""``python -m ldn_comments`` runs the command line."""
from .cli import main

raise SystemExit(main())
