"""The gradient-boosted trees of the text stripper's training, shared: this module runs
../textstrip-training/gbdt.py in its own namespace, so both models are fitted by the same code
(and pickles name `gbdt.GBDT` as before)."""
import os

_SOURCE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "textstrip-training", "gbdt.py")
with open(_SOURCE, encoding="utf-8") as _file:
    exec(compile(_file.read(), _SOURCE, "exec"))  # noqa: S102 (our own file)
