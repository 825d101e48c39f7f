"""Write appeal_assistant/chat/data/intent_examples.yaml from the dev chat messages and the test phrasings."""

import sys
from pathlib import Path

import yaml

sys.path.insert(0, "tests")
from test_chat import PHRASINGS

rows = {}
for f in sorted(Path("evals/chat/dev").glob("*.yaml")):
    for m in yaml.safe_load(f.read_text())["messages"]:
        rows.setdefault(m["intent"], []).append(m["text"])
for intent, texts in PHRASINGS.items():
    rows.setdefault(intent, []).extend(texts)
rows = {k: list(dict.fromkeys(v)) for k, v in sorted(rows.items())}
header = (
    "# Seller messages by intent, for the chat's intent model (appeal_assistant/chat/intent_model.py).\n"
    "# Source: the dev part of the chat evaluation (evals/chat/dev) and the phrasings of tests/test_chat.py;\n"
    "# never the blind part. Regenerate with the same two sources when they grow.\n"
)
Path("appeal_assistant/chat/data/intent_examples.yaml").write_text(
    header + yaml.safe_dump(rows, allow_unicode=True, sort_keys=True, width=120)
)
print({k: len(v) for k, v in rows.items()})
