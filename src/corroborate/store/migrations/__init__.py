"""Alembic migrations, run by `corroborate.store.open_database`; users never call alembic."""
