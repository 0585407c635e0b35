"""Shared fixtures for the derivation tests."""
import pytest

from symbolic.audit import Settings, run_result


@pytest.fixture(scope="module")
def runs(request):
    """The test module's ``RESULT`` audited once (300 samples per step), keyed by step slug."""
    _, rs = run_result(request.module.RESULT, Settings(samples=300))
    return {r.step.slug: r for r in rs}
