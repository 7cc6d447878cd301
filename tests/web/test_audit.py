from __future__ import annotations

from typing import Any

import pytest

from gonogo.cli import main
from gonogo.web.audit.models import AppendOnlyError, AuditEntry, ChainHead
from gonogo.web.audit.trail import record, verify


def _write_three(org: Any, alice: Any) -> list[AuditEntry]:
    return [
        record(
            "test.change",
            actor=alice,
            organisation=org,
            obj=org,
            summary=f"change {i}",
            before={"n": i},
            after={"n": i + 1},
        )
        for i in range(3)
    ]


def test_an_untouched_trail_verifies(org: Any, alice: Any) -> None:
    _write_three(org, alice)
    assert verify() == []


def test_each_entry_links_to_the_one_before(org: Any, alice: Any) -> None:
    first, second, third = _write_three(org, alice)
    assert second.prev_hash == first.hash
    assert third.prev_hash == second.hash


def test_an_altered_entry_is_detected(org: Any, alice: Any) -> None:
    entries = _write_three(org, alice)
    AuditEntry.objects.filter(pk=entries[1].pk).update(after={"n": 99})
    problems = verify()
    assert [(p.seq, "altered" in p.message) for p in problems] == [(entries[1].seq, True)]


def test_a_deleted_entry_in_the_middle_is_detected(org: Any, alice: Any) -> None:
    entries = _write_three(org, alice)
    AuditEntry.objects.filter(pk=entries[1].pk)._raw_delete(AuditEntry.objects.db)
    messages = [p.message for p in verify()]
    assert any("missing" in m for m in messages)
    assert any("does not link" in m for m in messages)


def test_a_deleted_tail_is_detected(org: Any, alice: Any) -> None:
    entries = _write_three(org, alice)
    AuditEntry.objects.filter(pk=entries[-1].pk)._raw_delete(AuditEntry.objects.db)
    assert any("should end at entry 3" in p.message for p in verify())


def test_entries_refuse_to_change_or_go_away(org: Any, alice: Any) -> None:
    entry = _write_three(org, alice)[0]
    entry.summary = "rewritten"
    with pytest.raises(AppendOnlyError):
        entry.save()
    with pytest.raises(AppendOnlyError):
        entry.delete()


def test_the_head_counts_the_entries(org: Any, alice: Any) -> None:
    entries = _write_three(org, alice)
    head = ChainHead.objects.get()
    assert (head.length, head.last_hash) == (3, entries[-1].hash)


def test_gonogo_audit_verify_exits_1_on_a_broken_chain(
    org: Any, alice: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    _write_three(org, alice)
    assert main(["audit", "verify"]) == 0
    assert "intact: 3 entries" in capsys.readouterr().out
    AuditEntry.objects.filter(seq=2).update(summary="nothing happened")
    assert main(["audit", "verify"]) == 1
    assert "entry 2: its content was altered" in capsys.readouterr().out
