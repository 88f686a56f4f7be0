"""The pipeline is loaded once per process, however the caller names the model."""

from corroborate.extract.pipeline import load_pipeline, model_name


def test_pipeline_loaded_once_however_it_is_named() -> None:
    assert load_pipeline() is load_pipeline(None) is load_pipeline(model_name())
