"""The fast makers of frozen dataclasses give the very object the dataclass's __init__ gives."""

import pickle

import pytest

from retell.facts.model import Fact, fact
from retell.ingest.article import Sentence, new_sentence


def test_new_sentence_is_the_dataclass_sentence() -> None:
    made = new_sentence("s3", 2, "He left.", 10, 19, 1)
    plain = Sentence("s3", 2, "He left.", 10, 19, 1)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    assert pickle.loads(pickle.dumps(made)) == plain
    assert made.words == 2  # the once-property still stores into the instance
    with pytest.raises(AttributeError):
        made.text = "changed"  # type: ignore[misc]


def test_fact_is_the_dataclass_fact() -> None:
    made = fact("number", "about 1.2 million", 4, 21, 0, "1200000", qualifier="about")
    plain = Fact("number", "about 1.2 million", 4, 21, 0, "1200000", "about", None, None)
    assert made == plain and hash(made) == hash(plain) and repr(made) == repr(plain)
    with pytest.raises(AttributeError):
        made.value = "1"  # type: ignore[misc]
