"""``gonogo evidence PATH...``: import analytics exports and summarise what the account brings."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from gonogo.core.errors import InputError
from gonogo.evidence.importers import EvidenceImport, import_evidence
from gonogo.evidence.importers.generic import Mapping
from gonogo.evidence.metrics import Estimate, account_metrics
from gonogo.evidence.peers import compare_with_peers
from gonogo.evidence.population import SCOPES, population_served


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="import analytics exports (TikTok Studio, Meta, YouTube, X, any CSV) and summarise them",
        description="Import the analytics files a platform lets you download and summarise them. "
        "Formats are recognised automatically; give files, zips or folders of one account.",
    )
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="export files, zips or folders")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output (default: table)")
    parser.add_argument(
        "--export-date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="date of the export, to give TikTok Studio's year-less dates their year "
        "(default: the timestamp in the zip name, else the file's modification date)",
    )
    parser.add_argument("--population", type=int, metavar="N", help="inhabitants the body serves")
    parser.add_argument("--country", metavar="CC", help="the body's country (ISO 3166 alpha-2, e.g. NO)")
    parser.add_argument(
        "--scope",
        choices=SCOPES,
        default="national",
        help="who the body serves; regional and municipal bodies must give --population",
    )
    parser.add_argument(
        "--peers",
        action="store_true",
        help="compare followers per 100 inhabitants with dated public-authority snapshots",
    )
    parser.add_argument("--name", default="this account", help="the account's name in the peer comparison")
    parser.add_argument(
        "--map",
        metavar="SPEC",
        help="read the files as generic CSV with this column mapping: date=Day,views=Plays (or a YAML file)",
    )
    parser.set_defaults(func=handler)


def _iso_date(value: str) -> date:
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def handler(args: argparse.Namespace) -> int:
    mapping = Mapping.parse(args.map) if args.map else None
    if args.country and (len(args.country) != 2 or not args.country.isalpha()):
        raise InputError(f"--country: expected an ISO 3166 alpha-2 code such as NO, got {args.country!r}")
    evidence = import_evidence(args.paths, export_date=args.export_date, mapping=mapping)
    population: int | None = None
    population_note = None
    if args.population is not None or args.country:
        population, population_note = population_served(args.population, args.country, args.scope)
    metrics = account_metrics(evidence, population, args.country)
    comparison = []
    if args.peers:
        if not population:
            raise InputError("--peers needs --population N or --country CC")
        if evidence.followers.latest is None:
            raise InputError("--peers needs a follower count; the exports given have none")
        comparison = compare_with_peers(args.name, evidence.followers.latest, population)

    # With --format json, standard output holds the JSON object alone.
    notes = sys.stderr if args.format == "json" else sys.stdout
    for f in evidence.files:
        kinds = ", ".join(f.recognised) or "nothing"
        print(f"recognised {f.name}: {kinds}", file=notes)
    if args.format == "json":
        out = evidence.as_dict()
        out["population"] = {"value": population, "basis": population_note} if population else None
        out["metrics"] = {k: (v.as_dict() if v else None) for k, v in metrics.items()}
        if args.peers:
            out["peers"] = [
                {
                    "name": c.name,
                    "followers": c.followers,
                    "per_100": c.per_100,
                    "date": c.date,
                    "source": c.source,
                }
                for c in comparison
            ]
        json.dump(out, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_table(evidence, metrics, population, population_note))
        if comparison:
            print("\nCompared with public-authority accounts (snapshots; counts change quickly):")
            for c in comparison:
                print(f"  {c.sentence()}")
    return 0


def _n(value: float | None, digits: int = 0) -> str:
    if value is None:
        return "not in the export"
    return f"{value:,.{digits}f}"


def _e(est: Estimate | None, percent: bool = False) -> str:
    if est is None:
        return "-"
    if percent:
        return f"{est.value:.2%} ({est.low:.2%} to {est.high:.2%}, {est.basis})"
    return f"{est.value:,.2f} ({est.low:,.2f} to {est.high:,.2f}, {est.basis})"


def render_table(
    ev: EvidenceImport, metrics: dict[str, Estimate | None], population: int | None, note: str | None
) -> str:
    rows = [
        ("source", ev.source),
        ("period", f"{ev.period.start.isoformat()} to {ev.period.end.isoformat()} ({ev.period.days} days)"),
        ("followers", f"{_n(ev.followers.latest)} (change {_n(ev.followers.change)})"),
        ("views", f"{_n(ev.views.total)} ({_n(ev.views.per_month)} a month)"),
        ("engagement rate", f"{ev.engagement_rate:.2%}" if ev.engagement_rate is not None else "-"),
        ("top territories", ", ".join(f"{t.code} {t.share:.0%}" for t in ev.top_territories[:5]) or "-"),
        ("days", f"{len(ev.daily)} with {', '.join(ev.daily_metrics) or 'no daily figures'}"),
    ]
    if population:
        rows.append(("population", f"{population:,} ({note})"))
    rows += [
        ("followers /100 inh.", _e(metrics["followers_per_100"])),
        ("monthly views /100 inh.", _e(metrics["monthly_views_per_100"])),
        ("audience at home", _e(metrics["home_share"], percent=True)),
        ("growth a month", _e(metrics["growth_per_month"], percent=True)),
        ("posting consistency", _e(metrics["posting_consistency"], percent=True)),
    ]
    width = max(len(k) for k, _ in rows)
    lines = [f"{k.ljust(width)}  {v}" for k, v in rows]
    lines += [f"{'file'.ljust(width)}  {f.name} sha256:{f.sha256[:12]}" for f in ev.files]
    return "\n".join(lines) + "\n"
