"""Extra command-line subcommands: each module here has ``register(subparsers)``.

The command line (game/cli.py) discovers them, so a new command is one new module.
"""
