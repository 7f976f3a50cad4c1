"""``python -m briefgen`` runs the command line."""

from briefgen.cli import main

main()
