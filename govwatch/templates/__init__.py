"""Files `govwatch init` writes."""

from importlib.resources import files


def config_template() -> str:
    return files(__package__).joinpath("govwatch.yaml").read_text(encoding="utf-8")
