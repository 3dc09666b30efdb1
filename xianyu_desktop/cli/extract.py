"""``xianyu-desktop extract``: item ids from any text, one per line; problems on stderr."""

from __future__ import annotations

import argparse
import sys

from xianyu_desktop.cli import EXIT_OK, EXIT_USAGE
from xianyu_desktop.cli.common import UsageError, read_inputs, read_stdin, report_notes, report_problems
from xianyu_desktop.core.items.links import extract_item_ids


def run_extract(args: argparse.Namespace) -> int:
    try:
        text = read_inputs(args.files) if args.files else read_stdin()
    except UsageError as exc:
        print(f"xianyu-desktop extract: {exc}", file=sys.stderr)
        return EXIT_USAGE
    extraction = extract_item_ids(text)
    notes = extraction.notes  # about the text pasted: resolving short links adds ids, no notes
    if args.resolve and extraction.short_links:
        from xianyu_desktop.cli.common import resolve_in_cli

        try:
            extraction = resolve_in_cli(extraction)
        except UsageError as exc:
            print(f"xianyu-desktop extract: {exc}", file=sys.stderr)
            return EXIT_USAGE
    sys.stdout.write("".join(f"{item_id}\n" for item_id in extraction.ids))
    sys.stdout.flush()
    report_problems(extraction.problems)
    report_notes(notes)
    return EXIT_OK
