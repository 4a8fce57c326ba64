"""`python -m adr_tool`: what hooks run with the interpreter that installed adr-tool."""

from adr_tool.cli import main

if __name__ == "__main__":
    main()
