"""gonogo: decide, in writing, whether a public body should stay on, join or leave a social platform."""

__version__ = "0.1.0"
