"""The ``extract`` command: read, extract and write records."""
from __future__ import annotations

from .extract import extract
from .output import write_table


def extract_to(args, *, read) -> None:
    """Read INPUT with `read(args)`, extract records and write them to ``args.output``."""
    records = extract(read(args), drug=args.drug)
    write_table(records, args.output, force=args.force or args.output == "-")
