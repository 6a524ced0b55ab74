"""Signed session records: verify catches an edited action, an edited score and a signature
from another key; import refuses anything that does not check out."""

from __future__ import annotations

import copy
import json
import re

import pytest

from game.records import signing
from game.records.autoplay import autoplay
from game.records.autosave import resume
from game.records.errors import TamperError
from game.records.exchange import import_record, session_record, sha256, verify_record
from game.records.store import Store, canonical
from tests.records.conftest import run_main

KEY = b"hr-key-for-tests-0123456789abcdef"
OTHER = b"someone-elses-key-0123456789abcd"


@pytest.fixture(scope="module")
def exported(small, tmp_path_factory):
    folder = tmp_path_factory.mktemp("records")
    with Store.open(folder) as store:
        result = autoplay(store, small, scenario_sha256="", bot="heuristic", seed=12,
                          trainee="t-300", mode="assessment")
        record = session_record(store, result.recorded.session_id, KEY)
        statements = store.statements()
    return folder, record, statements


def write(tmp_path, name: str, record: dict) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(record), encoding="utf-8")
    return str(path)


def verify_cli(path: str, key: bytes = KEY):
    return run_main("verify", path, env={"SALES_DOJO_HMAC_KEY": key.decode()})


def edit_an_action(record: dict) -> dict:
    out = copy.deepcopy(record)
    lines = out["save"].splitlines()
    for i, line in enumerate(lines):
        rec = json.loads(line)
        if rec.get("type") == "action" and rec["action"]["type"] == "set_price":
            d = rec["action"]["discount"]
            rec["action"]["discount"] = round(d - 0.02 if d >= 0.02 else d + 0.02, 4)
            lines[i] = json.dumps(rec, sort_keys=True)
            out["save"] = "\n".join(lines) + "\n"
            return out
    raise AssertionError("no set_price action to edit")


def edit_a_score(record: dict) -> tuple[dict, str]:
    out = copy.deepcopy(record)
    comp = out["scores"]["assessment"]["competencies"][0]
    comp["score"] = 0.99 if comp["score"] != 0.99 else 0.11
    return out, comp["id"]


def resign(record: dict, key: bytes) -> dict:
    """What an insider holding the key would do: fix the hashes and sign again."""
    out = copy.deepcopy(record)
    out["hashes"]["save_sha256"] = sha256(out["save"])
    out["hashes"]["scores_sha256"] = sha256(canonical(out["scores"]))
    return signing.sign(out, key)


def test_an_untouched_record_verifies(exported, tmp_path):
    _, record, _ = exported
    res = verify_cli(write(tmp_path, "good.json", record))
    assert res.returncode == 0, res.stdout + res.stderr
    assert "signature good" in res.stdout and "replay matches" in res.stdout
    assert "scores match a re-scoring" in res.stdout and res.stdout.rstrip().endswith("verified")


def test_verify_tells_its_findings_in_chinese(exported, tmp_path):
    """With --lang zh every finding a check makes reads in Chinese (the JSON keeps them in
    English for tools): the good ones, and what is wrong with an edited record."""
    from game.records.errors import VERIFY_TEXT

    patterns = json.loads(VERIFY_TEXT.read_text(encoding="utf-8"))["patterns"]
    for pattern in patterns:
        named = set(re.compile(pattern["en"]).groupindex)
        assert re.search(r"[\u4e00-\u9fff]", pattern["zh"]), pattern
        assert set(re.findall(r"\{(\w+)\}", pattern["zh"])) <= named, pattern
    _, record, _ = exported
    env = {"SALES_DOJO_HMAC_KEY": KEY.decode()}
    good = run_main("verify", write(tmp_path, "good.json", record), "--lang", "zh", env=env)
    assert good.returncode == 0, good.stdout + good.stderr
    assert "通过：签名有效（密钥编号" in good.stdout and "通过：重放一致：" in good.stdout
    assert "成绩与重放后重新评分的结果一致" in good.stdout and "signature good" not in good.stdout
    edited, _ = edit_a_score(copy.deepcopy(record))
    bad = run_main("verify", write(tmp_path, "bad.json", edited), "--lang", "zh", env=env)
    assert bad.returncode == 1
    assert "签名：签名不符——文件在签名后被改动过" in bad.stdout + bad.stderr


def test_verify_catches_one_edited_action(exported, tmp_path):
    _, record, _ = exported
    edited = edit_an_action(record)
    res = verify_cli(write(tmp_path, "action.json", edited))
    assert res.returncode == 1 and "Traceback" not in res.stderr
    assert "signature does not match" in res.stdout
    assert "saved game: its sha256 differs" in res.stdout
    assert "replay: MISMATCH: first diverging event" in res.stdout and "set_price" in res.stdout
    # Even with the hashes fixed and a valid signature, the replay gives it away.
    forged = verify_record(resign(edited, KEY), KEY)
    assert [p for p in forged.problems if p.startswith("replay: MISMATCH")]
    assert not [p for p in forged.problems if p.startswith("signature")]


def test_verify_catches_one_edited_score(exported, tmp_path):
    _, record, _ = exported
    edited, comp = edit_a_score(record)
    res = verify_cli(write(tmp_path, "score.json", edited))
    assert res.returncode == 1
    assert "signature does not match" in res.stdout
    assert "scores: their sha256 differs" in res.stdout
    assert f"assessment.competencies[{comp}].score: the file says" in res.stdout
    forged = verify_record(resign(edited, KEY), KEY)
    assert len(forged.problems) == 1 and "re-scoring" in forged.problems[0]


def test_verify_catches_a_signature_from_another_key(exported, tmp_path):
    _, record, _ = exported
    res = verify_cli(write(tmp_path, "other.json", signing.sign(record, OTHER)))
    assert res.returncode == 1
    assert "signed with another key" in res.stdout
    assert signing.key_id(OTHER) in res.stdout and signing.key_id(KEY) in res.stdout
    assert "replay matches" in res.stdout  # the content itself is fine


def test_import_refuses_tampered_records_and_keeps_good_ones(exported, tmp_path):
    source, record, statements = exported
    target = tmp_path / "elsewhere"
    env = {"SALES_DOJO_HMAC_KEY": KEY.decode()}
    for name, bad in [("action", edit_an_action(record)), ("score", edit_a_score(record)[0]),
                      ("key", signing.sign(record, OTHER))]:
        path = write(tmp_path, f"{name}.json", bad)
        res = run_main("import", path, "--data-dir", str(target), env=env)
        assert res.returncode == 1 and "Traceback" not in res.stderr
        assert f"{path}: error: refused: the record does not check out" in res.stderr
    with Store.open(target) as store:
        assert store.sessions() == []
        with pytest.raises(TamperError) as refused:
            import_record(store, "x.json", edit_a_score(record)[0], KEY)
    zh = refused.value.text("zh").splitlines()  # what did not check out, in Chinese too
    assert zh[0] == "x.json：错误：已拒绝：记录未通过校验"
    assert "  - 签名：签名不符——文件在签名后被改动过" in zh
    assert zh[-1] == "  提示：只导入原样导出、并用这把密钥签名的记录"

    good = write(tmp_path, "good.json", record)
    res = run_main("import", good, "--data-dir", str(target), env=env)
    assert res.returncode == 0, res.stderr
    again = run_main("import", good, "--data-dir", str(target), env=env)
    assert again.returncode == 1 and "already in these records" in again.stderr
    with Store.open(target) as store:
        (info,) = store.sessions()
        assert info.event_log_sha256 == record["session"]["event_log_sha256"]
        assert resume(store, info.id).log_digest() == info.event_log_sha256
        assert store.statements() == statements  # the same statements, the same ids


def test_one_game_is_imported_once_whatever_id_or_trainee_it_is_relabelled_with(exported,
                                                                              tmp_path):
    _, record, _ = exported
    target = tmp_path / "elsewhere"
    env = {"SALES_DOJO_HMAC_KEY": KEY.decode()}
    assert run_main("import", write(tmp_path, "good.json", record), "--data-dir", str(target),
                    env=env).returncode == 0
    for name, change in (("id", {"id": "0" * 32}), ("trainee", {"trainee_id": "t-999"}),
                         ("both", {"id": "1" * 32, "trainee_id": "t-998"})):
        body = {k: v for k, v in copy.deepcopy(record).items() if k != "signature"}
        body["session"] |= change
        path = write(tmp_path, f"{name}.json", signing.sign(body, KEY))  # re-signed: it verifies
        res = run_main("import", path, "--data-dir", str(target), env=env)
        assert res.returncode == 1, name
        assert "already in these records" in res.stderr and "Traceback" not in res.stderr
    with Store.open(target) as store:
        assert [s.trainee_id for s in store.sessions()] == ["t-300"]


def test_an_anonymised_record_verifies_but_is_not_imported(exported, tmp_path):
    source, record, _ = exported
    out = tmp_path / "anon.json"
    env = {"SALES_DOJO_HMAC_KEY": KEY.decode()}
    res = run_main("export", "--record", str(out), "--trainee", "t-300", "--anonymise",
                   "--data-dir", str(source), env=env)
    assert res.returncode == 0, res.stderr
    anon = json.loads(out.read_text(encoding="utf-8"))
    assert anon["session"]["trainee_id"] == "P0001"
    assert "t-300" not in out.read_text(encoding="utf-8")
    assert len(anon["session"]["started_at"]) == 10
    assert verify_record(anon, KEY).ok
    refused = run_main("import", str(out), "--data-dir", str(tmp_path / "x"), env=env)
    assert refused.returncode == 1 and "anonymised" in refused.stderr


def _install_changed_rubric(original: str, tmp_path, monkeypatch) -> str:
    """Install a rubric that weighs one indicator differently (as an update would)."""
    from game.assessment import assess as assess_module
    from game.assessment import rubric as rubric_module
    from game.scenario.loader import load_model

    changed = re.sub(r"weight: 2\b", "weight: 3", original, count=1)
    assert changed != original
    path = tmp_path / "standard.yaml"
    path.write_text(changed, encoding="utf-8")
    monkeypatch.setattr(rubric_module, "STANDARD_RUBRIC", path)
    monkeypatch.setattr(assess_module, "_standard",
                        (load_model(changed, rubric_module.Rubric), sha256(changed)))
    return changed


def test_a_record_carries_its_rubric_and_verifies_after_the_rubric_changes(exported, tmp_path,
                                                                            monkeypatch):
    _, record, _ = exported
    assert record["rubric"] and sha256(record["rubric"]) == \
        record["scores"]["assessment"]["rubric_sha256"]
    _install_changed_rubric(record["rubric"], tmp_path, monkeypatch)
    assert verify_record(record, KEY).ok  # re-scored with the rubric it was scored with
    bare = signing.sign({k: v for k, v in record.items() if k != "signature"} | {"rubric": None},
                        KEY)
    problems = verify_record(bare, KEY).problems
    assert len(problems) == 1 and "which neither the record nor this installation has" in problems[0]


def test_a_session_scored_before_the_rubric_changed_exports_the_rubric_that_scored_it(
        small, tmp_path, monkeypatch):
    """The records keep the rubric a session was scored with: exported after an update of the
    installed rubric, the record still carries it and verifies; so does a copy imported into
    other records and exported from there."""
    with Store.open(tmp_path / "records") as store:
        result = autoplay(store, small, scenario_sha256="", bot="heuristic", seed=13,
                          trainee="t-301", mode="assessment")
        session_id = result.recorded.session_id
        before = session_record(store, session_id, KEY)
        _install_changed_rubric(before["rubric"], tmp_path, monkeypatch)
        after = session_record(store, session_id, KEY)
    assert after["rubric"] == before["rubric"]
    check = verify_record(after, KEY)
    assert check.ok, check.problems
    with Store.open(tmp_path / "elsewhere") as other:
        import_record(other, "after.json", after, KEY)
        again = session_record(other, session_id, KEY)
    assert again["rubric"] == before["rubric"] and verify_record(again, KEY).ok


@pytest.mark.parametrize(("field", "value"), [
    ("variant", None), ("seed", "12"), ("started_at", "[]"), ("ended_at", None),
    ("status", "playing"), ("actions", 1.5)])
def test_a_record_signed_with_the_key_but_not_as_the_game_writes_it_is_refused_in_words(
        exported, tmp_path, field, value):
    """Software holding the key (a peer's exporter, a script) may still write a session the
    store cannot hold: verify names the field and import refuses it before the database."""
    _, record, _ = exported
    session = {**record["session"], field: value}
    odd = signing.sign({k: v for k, v in record.items() if k != "signature"} | {"session": session},
                       KEY)
    check = verify_record(odd, KEY)
    assert not check.ok and any(p.startswith(f"session: {field}") for p in check.problems)
    with Store.open(tmp_path / "records") as store:
        with pytest.raises(TamperError):
            import_record(store, "odd.json", odd, KEY)
        assert store.sessions() == []
