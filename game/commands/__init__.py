"""One module per `burnrate` subcommand; each has `add_parser(subparsers)` and `run(args)`."""
