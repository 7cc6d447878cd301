import pytest

from gonogo.cli import main


def test_version_is_printed(capsys):
    with pytest.raises(SystemExit) as exc:
        main(["--version"])
    assert exc.value.code == 0
    assert "gonogo" in capsys.readouterr().out
