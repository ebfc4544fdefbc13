"""Does every limit have one name, from nbgrader_config.py to the student process?"""

from __future__ import annotations

import dataclasses

from traitlets.config import Config

from nnbasics.nbgrader_ext.sandboxed_autograde import SandboxedAutograde
from nnbasics.sandbox.limits import TABLE, Limits, markdown_table
from tests.conftest import ROOT


def test_readme_lists_every_limit_as_the_table_says():
    """Is the README's settings table the one in nnbasics/sandbox/limits.py?"""
    assert markdown_table() in (ROOT / "README.md").read_text(encoding="utf-8")


def test_a_setting_reaches_the_limits_by_its_own_name():
    """Does c.SandboxedAutograde.<name> set Limits.<name>, for every limit?"""
    config = Config()
    for limit in TABLE:
        value = (not limit.default) if isinstance(limit.default, bool) else limit.default * 3
        config.SandboxedAutograde[limit.name] = value
    limits = SandboxedAutograde(config=config).limits()
    assert dataclasses.asdict(limits) == {name: value for name, value in config.SandboxedAutograde.items()}


def test_defaults_are_the_tables():
    """Without configuration, are the limits the table's defaults?"""
    assert dataclasses.asdict(SandboxedAutograde().limits()) == {limit.name: limit.default for limit in TABLE}
    assert dataclasses.asdict(Limits()) == {limit.name: limit.default for limit in TABLE}
