"""A missing optional extra is a message, never an ImportError (even for a dotted module)."""

from __future__ import annotations

import pytest

from mvkplan.project.extras import MissingExtraError, require


def test_a_module_whose_parent_package_is_missing_counts_as_missing():
    with pytest.raises(MissingExtraError) as caught:
        require("survey", "json", "mvkplan_no_such_parent.yaml")
    assert caught.value.missing == ["mvkplan_no_such_parent.yaml"]
    assert "pip install 'mvkplan[survey]'" in str(caught.value)


def test_installed_modules_pass():
    require("survey", "json", "email.message")
