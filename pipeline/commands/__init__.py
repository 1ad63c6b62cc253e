"""One module per subcommand of ``mtfix``; each offers ``add_parser(subparsers)`` and ``run(args)``."""
