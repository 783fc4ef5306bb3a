"""Text analysis shared by both engines, so the same query finds the same records on either.

Normalisation (both sides, index and query): NFKC (full-width to half-width), case folding, traditional to
simplified characters (OpenCC's character table), so 處罰 finds 处罚 and ＡＢＣ１２３ finds abc123.
Tokens: Chinese runs become overlapping bigrams (a lone character stays a unigram), as Elasticsearch's `cjk`
analyzer does; Latin and digit runs stay whole words; a separate unigram stream answers one-character queries.
Codes (USCC, decision and case numbers) are compared whole, upper-cased and without spaces, and by prefix.
"""
import re
import unicodedata
from functools import cache
from pathlib import Path

_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ffff"
_RUNS = re.compile(rf"([{_CJK}]+)|([0-9a-z]+)")
_SPACES = re.compile(r"\s+")
MIN_PREFIX = 2


@cache
def _traditional_to_simplified() -> dict[int, str]:
    import opencc

    table = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    mapping = {}
    for line in table.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        if len(source) == 1 and targets:
            mapping[ord(source)] = targets.split()[0]
    return mapping


@cache
def _simplified_to_variants() -> dict[str, str]:
    variants: dict[str, set[str]] = {}
    for source, target in _traditional_to_simplified().items():
        variants.setdefault(target, {target}).add(chr(source))
    return {target: "".join(sorted(chars)) for target, chars in variants.items()}


def character_variants(char: str) -> str:
    """The characters a search treats as `char`: itself, its simplified form and the traditional forms of that
    (丰 → 丰豐), so a name can be found however a provider wrote it."""
    simplified = normalise(char) if len(normalise(char)) == 1 else char
    return "".join(sorted({char, simplified, *_simplified_to_variants().get(simplified, "")}))


def normalise(text: str) -> str:
    """Full-width to half-width, case folded, traditional characters to simplified."""
    return unicodedata.normalize("NFKC", text).casefold().translate(_traditional_to_simplified())


def bigram_tokens(text: str) -> list[str]:
    """Overlapping CJK bigrams (a lone CJK character as itself) and whole Latin/digit words, in order."""
    tokens: list[str] = []
    for cjk, word in _RUNS.findall(normalise(text)):
        if word:
            tokens.append(word)
        elif len(cjk) == 1:
            tokens.append(cjk)
        else:
            tokens.extend(cjk[i:i + 2] for i in range(len(cjk) - 1))
    return tokens


def unigram_tokens(text: str) -> list[str]:
    """Every CJK character and whole Latin/digit words, in order."""
    tokens: list[str] = []
    for cjk, word in _RUNS.findall(normalise(text)):
        tokens.extend([word] if word else cjk)
    return tokens


def is_single_character(term: str) -> bool:
    """A query term of one CJK character, answered from the unigram stream."""
    tokens = unigram_tokens(term)
    return len(tokens) == 1 and len(tokens[0]) == 1 and not tokens[0].isascii()


def code_key(text: str) -> str:
    """A code as compared: NFKC, no white space, upper case (苏市监罚〔2023〕１２３号 → 苏市监罚〔2023〕123号)."""
    return _SPACES.sub("", unicodedata.normalize("NFKC", text)).upper()


def code_prefixes(code: str) -> list[str]:
    """Every prefix of a code key from MIN_PREFIX characters on, so 苏市监罚〔2023〕 finds that year's decisions."""
    key = code_key(code)
    return [key[:i] for i in range(MIN_PREFIX, len(key) + 1)]


def query_terms(text: str) -> list[str]:
    """The whitespace-separated terms of a query; each must match (AND), each as a phrase."""
    return [term for term in _SPACES.split(text.strip()) if term]
