"""Scripts that build or fit the package's data files (not shipped with it): run from the repository root as
`python -m tools.<name>`; each writes into src/corroborate/data/ unless given --output."""
