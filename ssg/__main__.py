"""`python -m ssg` is the `ssg` command."""

from ssg.cli import main

main()
