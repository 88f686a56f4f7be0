"""The `corroborate` app: the one place where every command is registered.

Each command module parses, validates, calls the service layer
(`corroborate.service`) or the library, and formats through
`cli.output.emit`; none registers itself on import.
"""

from __future__ import annotations

import typer

from corroborate.cli import check, credibility, evaluate, extract, gazetteer, link, network, serve, store

app = typer.Typer(
    help="Turn news reports of violent incidents into source-attributed incident records.",
    no_args_is_help=True,
    rich_markup_mode="rich",
    add_completion=False,
)

app.command("extract")(extract.extract_command)

gazetteer_app = typer.Typer(help="Manage the places corroborate knows.", no_args_is_help=True)
gazetteer_app.command("import")(gazetteer.import_command)
app.add_typer(gazetteer_app, name="gazetteer")

eval_app = typer.Typer(help="Measure extraction quality on annotated datasets.", no_args_is_help=True)
eval_app.command("fakes")(evaluate.fakes_command)
app.add_typer(eval_app, name="eval")

# `ingest` and `link` write (ingest --link links too); the other commands only read, and a read of
# linked incidents says so when incidents ingested since the last `link` are not in them.
app.command("ingest")(store.ingest_command)
app.command("errors")(store.errors_command)
app.command("export")(store.export_command)
app.command("link")(link.link_command)
app.command("show")(link.show_command)
app.command("credibility")(credibility.credibility_command)
app.command("check")(check.check_command)
app.command("network")(network.network_command)

app.command("serve")(serve.serve_command)
