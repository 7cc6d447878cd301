"""Sub-commands of the ``gonogo`` command, one module each.

Every module here defines ``register(subparsers)``, which adds its parser and sets ``func`` to a handler
``(args) -> int``. The CLI discovers the modules, so adding a command means adding a module.
"""
