"""Decision-quality rules (ADR5xx): lint the thinking, not just the headings.

The rules are pure functions over a `Record` (the parts of one ADR, read from its file or
from the answers of `adr new`) and a `Vocabulary` (the word lists of `[quality]`):

- `text`: passages of an answer with their place in the file, words, phrases and negation;
- `figures`: measured figures (a number with its unit or counted noun) and dates;
- `vocabulary`: the default word lists and the project's changes to them;
- `record`: an ADR (or one answer) as the parts the rules read;
- `constraints`, `choice`, `outcome`: the checks, one function per code;
- `judge`: the checks by code, run on a record or on one answer;
- `suppressions`: `<!-- adr: allow ADR504 because ... -->` comments;
- `rules`: the lint rules that run the checks on each ADR file.
"""
