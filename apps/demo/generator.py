"""Synthetic provider files for demos, tests and benchmarks.

Writes what real providers send, in their formats, so the files go through the real importer: v2 penalties as
CSV (UTF-8 with BOM) and as a {"total", "rows"} JSON wrapper with lower-case codes, v1 penalties in GB18030, v2
licences as JSON Lines, list entries with Chinese headers as CSV (and one red list as XLSX), and a court debtor
feed in its own shape with its column-mapping file. Everything depends only on the seed and the anchor date.
"""
import csv
import datetime as dt
import json
import math
import random
import re
import shutil
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from apps.common.dates import add_months
from apps.common.identifiers import is_valid_uscc
from apps.demo import pools
from apps.demo.identities import make_resident_id, make_uscc
from apps.publication.enums import Dataset

MAPPINGS_DIR = Path(__file__).with_name("mappings")


@dataclass
class Party:
    name: str
    category: str
    uscc: str = ""
    id_number: str = ""  # natural persons only; the importer must never store it
    legal_rep: str = ""
    legal_rep_id: str = ""
    city: pools.City | None = None


@dataclass
class Authority:
    name: str
    uscc: str
    city: pools.City
    domain: pools.Domain
    number_style: str


@dataclass
class Manifest:
    files: list[dict] = field(default_factory=list)
    defects: int = 0

    def add(self, file: str, kind: str, rows: int, list_code: str = "", mapping: str = "", source: str = "",
            defects: int = 0) -> None:
        self.files.append({"file": file, "kind": kind, "list": list_code, "mapping": mapping, "source": source,
                           "rows": rows, "defects": defects})
        self.defects += defects


_NUMBER_STYLES = ("{c}{a}〔{y}〕{n}号", "{c}{a}字〔{y}〕第{n}号", "{p}{a}〔{y}〕{n}号", "{c}{a}决字〔{y}〕{n}号")
DEMO_LISTS = {
    # list code → (share of list entries, deciding authority suffix, reason, measures)
    "samr-serious-violations": (12, "市场监督管理局", "因{v}受到较重行政处罚，被列入严重违法失信名单",
                                "依法实施联合惩戒，限制参加政府采购、招标投标"),
    "samr-abnormal-operations": (20, "市场监督管理局", "未依照规定期限公示年度报告", "列入经营异常名录，予以公示"),
    "tax-major-violations": (8, "税务局", "偷税，少缴税款金额较大", "依法实施联合惩戒"),
    "wage-arrears": (6, "人力资源和社会保障局", "拖欠农民工工资，经责令限期支付逾期未支付", "依法实施联合惩戒"),
    "work-safety-serious": (5, "应急管理局", "发生较大生产安全责任事故", "加大执法检查频次，依法实施联合惩戒"),
    "procurement-debarment": (5, "财政局", "提供虚假材料谋取中标", "一至三年内禁止参加政府采购活动"),
    "statistics-serious": (4, "统计局", "统计造假、弄虚作假", "依法实施联合惩戒"),
    "customs-dishonest": (4, "海关", "走私行为，被海关认定为失信企业", "提高查验比例，实施联合惩戒"),
    "customs-aeo": (6, "海关", "通过海关高级认证", "适用较低查验率，优先办理通关手续"),
    "tax-a-grade": (10, "税务局", "年度纳税信用评价为A级", "主动向社会公告，提供绿色通道等激励措施"),
}
DEMO_RED_LISTS = ("customs-aeo", "tax-a-grade")
COURT_SHARE = 20


class DemoGenerator:
    """Generates one demo data set."""

    def __init__(self, records: int, seed: int, anchor: dt.date, defects: float = 0.0, penalty_days: int = 4 * 365):
        self.records = records
        self.penalty_days = penalty_days  # how far back decision dates go; benchmarks want most still published
        self.rng = random.Random(seed)
        self.anchor = anchor
        self.defect_rate = defects
        self.authorities = self._authorities()
        self.parties = [self._party() for _ in range(max(10, records // 3))]
        # Built once: choosing from a list rebuilt per row made a million-row set quadratic.
        self._organisations = [p for p in self.parties if p.category != "自然人"]
        self._corporations = [p for p in self.parties if p.category == "法人及非法人组织"]
        self._parties_by_city: dict[str, list[Party]] = {}
        for party in self.parties:
            self._parties_by_city.setdefault(party.city.name, []).append(party)

    # --- building blocks ----------------------------------------------------------------------------------

    def _weighted(self, options):
        values, weights = zip(*options, strict=True)
        return self.rng.choices(values, weights=weights)[0]

    def _person_name(self) -> str:
        given = "".join(self.rng.choice(pools.GIVEN_CHARS) for _ in range(self.rng.choice((1, 2, 2))))
        return self.rng.choice(pools.SURNAMES) + given

    def _authorities(self) -> list[Authority]:
        result = []
        for city in pools.CITIES:
            for domain in pools.DOMAINS:
                name = (f"国家税务总局{city.name}税务局" if domain.code == "tax" else f"{city.name}{domain.authority}")
                if any(a.name == name for a in result):
                    continue  # pricing and advertising share the market regulator with food safety
                result.append(Authority(name, make_uscc(self.rng, city.region_code, "11"), city, domain,
                                        self.rng.choice(_NUMBER_STYLES)))
        return result

    def _party(self) -> Party:
        city = self.rng.choice(pools.CITIES)
        roll = self.rng.random()
        if roll < 0.72:
            domain = self.rng.choice(pools.DOMAINS)
            trade = self.rng.choice(pools.TRADE_NAME_FIRST) + self.rng.choice(pools.TRADE_NAME_SECOND)
            name = f"{city.name.removesuffix('市')}{trade}{self.rng.choice(domain.industries)}" \
                   f"{self._weighted(pools.COMPANY_SUFFIXES)}"
            rep = self._person_name()
            rep_id = make_resident_id(self.rng, city.region_code, self.anchor) if self.rng.random() < 0.3 else ""
            return Party(name, "法人及非法人组织", make_uscc(self.rng, city.region_code), legal_rep=rep,
                         legal_rep_id=rep_id, city=city)
        if roll < 0.88:
            owner = self._person_name()
            name = f"{city.name}{city.district}{owner[0]}记{self.rng.choice(pools.SHOP_KINDS)}"
            return Party(name, "个体工商户", make_uscc(self.rng, city.region_code, "92"), legal_rep=owner, city=city)
        return Party(self._person_name(), "自然人", id_number=make_resident_id(self.rng, city.region_code,
                                                                               self.anchor), city=city)

    def _local_party(self, city: pools.City) -> Party:
        """Mostly a party from the authority's own city; now and then one from elsewhere."""
        local = self._parties_by_city.get(city.name)
        return self.rng.choice(local) if local and self.rng.random() < 0.85 else self.rng.choice(self.parties)

    def _recent_date(self, max_days: int) -> dt.date:
        """A date before the anchor, recent dates more likely than old ones."""
        return self.anchor - dt.timedelta(days=int(self.rng.triangular(1, max_days, 1)))

    def _decision_number(self, authority: Authority, day: dt.date, serial: int) -> str:
        return authority.number_style.format(c=authority.city.short, p=authority.city.province_abbr,
                                             a=authority.domain.abbr, y=day.year, n=serial)

    def _fine_yuan(self, median: int) -> int:
        amount = math.exp(self.rng.gauss(math.log(median), 1.1))
        return int(min(max(amount, 200), 50_000_000) // 100 * 100) or 200

    # --- penalties ----------------------------------------------------------------------------------------

    def _penalty(self, serial: int) -> dict:
        authority = self.rng.choice([a for a in self.authorities if a.domain.code != "pricing"] +
                                    [a for a in self.authorities if a.domain.authority == "市场监督管理局"])
        domain = self.rng.choice([d for d in pools.DOMAINS if d.authority == authority.domain.authority]) \
            if authority.domain.authority == "市场监督管理局" else authority.domain
        violation = self.rng.choice(domain.violations)
        party = self._local_party(authority.city)
        day = self._recent_date(self.penalty_days)
        kinds = self._weighted(violation.kinds)
        fine = self._fine_yuan(violation.fine_median)
        content_parts = []
        if "警告" in kinds:
            content_parts.append("警告")
        if "通报批评" in kinds:
            content_parts.append("通报批评")
        if "罚款" in kinds:
            content_parts.append(f"罚款{fine}元")
        confiscated = self._fine_yuan(violation.fine_median // 3) if "没收违法所得" in kinds else None
        if confiscated:
            content_parts.append(f"没收违法所得{confiscated}元")
        for extra in ("责令停产停业", "吊销许可证件", "限制从业"):
            if extra in kinds:
                content_parts.append({"责令停产停业": "责令停产停业三个月", "吊销许可证件": f"吊销{domain.certificate}",
                                      "限制从业": "法定代表人五年内不得从事相关行业"}[extra])
        street = self.rng.choice(("中山路", "人民路", "建设路", "解放路"))
        place = f"{party.city.name}{party.city.district}{street}{self.rng.randint(1, 300)}号"
        facts = violation.facts.format(party=party.name, place=place, date=f"{day:%Y年%m月%d日}")
        row = {
            "CF_WSH": self._decision_number(authority, day, serial),
            "CF_XDR_MC": party.name,
            "CF_XDR_LB": party.category,
            "CF_XDR_SHXYM": party.uscc,
            "CF_FRDB": party.legal_rep,
            "CF_FR_ZJLX": "身份证" if party.legal_rep_id else "",
            "CF_FR_ZJHM": party.legal_rep_id,
            "CF_XDR_ZJLX": "身份证" if party.id_number else "",
            "CF_XDR_ZJHM": party.id_number,
            "CF_WFXW": violation.name,
            "CF_SY": facts,
            "CF_YJ": violation.basis,
            "CF_CFLB": ";".join(kinds),
            "CF_NR": "，".join(content_parts),
            "CF_NR_FK": f"{fine / 10000:g}" if "罚款" in kinds else "",
            "CF_NR_WFFF": f"{confiscated / 10000:g}" if confiscated else "",
            "CF_NR_ZKDX": domain.certificate if "吊销许可证件" in kinds else "",
            "CF_JDRQ": day.isoformat(),
            "CF_YXQ": (day + dt.timedelta(days=self.rng.choice((7, 15, 30)))).isoformat(),
            "CF_GSJZQ": "",
            "CF_CFJG": authority.name,
            "CF_CFJGDM": authority.uscc,
            "CF_SJLY": authority.name,
            "CF_SJLYDM": authority.uscc,
            "BZ": "",
        }
        return row

    def _defect(self, row: dict) -> dict:
        """Break a penalty row in one of the ways real feeds are broken."""
        broken = dict(row)
        choice = self.rng.randrange(5)
        if choice == 0:
            broken["CF_WSH"] = ""
        elif choice == 1:
            uscc = broken["CF_XDR_SHXYM"] or "91310115591693856A"
            broken["CF_XDR_SHXYM"] = uscc[:17] + ("A" if uscc[17] != "A" else "B")
        elif choice == 2:
            broken["CF_JDRQ"] = f"{self.anchor.year}-13-45"
        elif choice == 3:
            broken["CF_CFLB"] = "罚金刑"
        else:
            broken["CF_XDR_MC"] = ""
        return broken

    # --- licences -----------------------------------------------------------------------------------------

    def _licence(self, serial: int) -> dict:
        authority = self.rng.choice(self.authorities)
        domain = authority.domain
        party = self.rng.choice([p for p in self.parties[:200] if p.category != "自然人"] or self.parties)
        day = self._recent_date(6 * 365)
        years = self.rng.choice((1, 3, 5, 5, None))
        valid_to = dt.date(2099, 12, 31) if years is None else add_months(day, 12 * years)
        status = "撤销" if self.rng.random() < 0.02 else "1"
        return {
            "XK_XDR_MC": party.name, "XK_XDR_LB": party.category, "XK_XDR_SHXYM": party.uscc,
            "XK_FRDB": party.legal_rep, "XK_FR_ZJLX": "身份证" if party.legal_rep_id else None,
            "XK_FR_ZJHM": party.legal_rep_id or None,
            "XK_XKWS": f"{domain.certificate}核发决定书",
            "XK_WSH": f"{authority.city.short}{domain.abbr.replace('罚', '许')}〔{day.year}〕{serial}号",
            "XK_XKLB": self._weighted((("普通", 70), ("登记", 12), ("核准", 8), ("认可", 5), ("特许", 5))),
            "XK_XKZS": domain.certificate,
            "XK_XKBH": f"{authority.city.province_abbr}{domain.code[:2].upper()}{day.year}{serial:06d}",
            "XK_NR": domain.licence_content, "XK_JDRQ": day.isoformat(), "XK_YXQZ": day.isoformat(),
            "XK_YXQZI": valid_to.isoformat(), "XK_XKJG": authority.name, "XK_XKJGDM": authority.uscc,
            "XK_ZT": status, "XK_LYDW": authority.name, "XK_LYDWDM": authority.uscc, "BZ": None,
            "CREATE_DATE": int(dt.datetime(day.year, day.month, day.day, 9).timestamp() * 1000),
        }

    # --- list entries -------------------------------------------------------------------------------------

    def _list_entry(self, code: str, serial: int) -> dict:
        _, authority_suffix, reason, measures = DEMO_LISTS[code]
        party = self.rng.choice(self._organisations)
        city = party.city
        special = {"税务局": f"国家税务总局{city.name}税务局", "海关": f"{city.name.removesuffix('市')}海关"}
        authority_name = special.get(authority_suffix, f"{city.name}{authority_suffix}")
        listed = self._recent_date(4 * 365)
        removed = self.rng.random() < (0.15 if code not in DEMO_RED_LISTS else 0.05)
        removal_reason = self._weighted((("信用修复", 50), ("撤销", 15), ("期满", 35))) if removed else ""
        removed_on = listed + dt.timedelta(days=self.rng.randint(30, 400)) if removed else None
        if removed_on and removed_on >= self.anchor:
            removed, removal_reason, removed_on = False, "", None
        return {
            "主体名称": party.name, "统一社会信用代码": party.uscc, "法定代表人/负责人": party.legal_rep,
            "主体类别": party.category,
            "列入事由": reason.format(v=self.rng.choice(pools.DOMAINS).violations[0].name),
            "认定依据": "", "认定部门": authority_name,
            "决定文书号": f"{city.short}信列〔{listed.year}〕{serial}号",
            "列入日期": f"{listed:%Y年%m月%d日}", "有效期至": "",
            "惩戒措施": measures, "状态": "已移出" if removed else "在列",
            "移出日期": removed_on.strftime("%Y/%m/%d") if removed_on else "", "移出原因": removal_reason,
            "数据来源": authority_name,
        }

    def _court_debtor(self, serial: int) -> dict:
        city = self.rng.choice(pools.CITIES)
        court = f"{city.name}{city.district}{pools.COURTS_SUFFIX}"
        is_person = self.rng.random() < 0.7
        filed = self._recent_date(4 * 365)
        published = filed + dt.timedelta(days=self.rng.randint(20, 120))
        if published >= self.anchor:
            published = self.anchor - dt.timedelta(days=1)
        court_code = f"{city.province_abbr}{city.region_code[2:4]}{self.rng.randint(1, 99):02d}"
        if is_person:
            id_number = make_resident_id(self.rng, city.region_code, self.anchor)
            name, card, entity = self._person_name(), id_number[:10] + "****" + id_number[14:], ""
            gender = "男" if int(id_number[16]) % 2 else "女"
        else:
            party = self.rng.choice(self._corporations)
            name, card, entity, gender = party.name, party.uscc[:10] + "****" + party.uscc[14:], party.legal_rep, ""
        amount = self._fine_yuan(80000)
        return {
            "iname": name, "caseCode": f"({filed.year}){court_code}执{serial}号", "cardNum": card,
            "businessEntity": entity, "courtName": court, "areaName": city.province.removesuffix("省"),
            "gistId": f"({filed.year - 1}){court_code}民初{self.rng.randint(100, 9999)}号", "gistUnit": court,
            "duty": f"被告应于判决生效之日起十日内支付原告欠款{amount}元及利息。",
            "performance": self._weighted(pools.PERFORMANCE),
            "disruptTypeName": self.rng.choice(pools.DEBTOR_BEHAVIOURS),
            "regDate": f"{filed:%Y年%m月%d日}", "publishDate": f"{published:%Y年%m月%d日}", "sexy": gender,
            "partyType": "1" if is_person else "2",
        }

    # --- writing ------------------------------------------------------------------------------------------

    def write(self, out: Path) -> Manifest:
        """Write the files and a manifest.json describing them into `out`."""
        out.mkdir(parents=True, exist_ok=True)
        manifest = Manifest()
        n_penalties = max(1, self.records * 50 // 100)
        n_licences = max(1, self.records * 25 // 100)
        n_entries = max(len(DEMO_LISTS) + 1, self.records - n_penalties - n_licences)

        penalties, defects = [], 0
        for serial in range(1, n_penalties + 1):
            row = self._penalty(serial)
            if self.defect_rate and self.rng.random() < self.defect_rate:
                row, defects = self._defect(row), defects + 1
            penalties.append(row)
        v2_end = n_penalties * 70 // 100
        json_end = n_penalties * 85 // 100
        _write_csv(out / "penalties_v2.csv", penalties[:v2_end], "utf-8-sig")
        manifest.add("penalties_v2.csv", Dataset.PENALTY, v2_end, source="省级信用平台（v2）",
                     defects=sum(1 for r in penalties[:v2_end] if _is_defective(r)))
        wrapped = [{k.lower(): (v if v != "" else None) for k, v in r.items()} for r in penalties[v2_end:json_end]]
        _write_json(out / "penalties_v2.json", {"total": len(wrapped), "rows": wrapped})
        manifest.add("penalties_v2.json", Dataset.PENALTY, len(wrapped), source="全国信用信息共享平台",
                     defects=sum(1 for r in penalties[v2_end:json_end] if _is_defective(r)))
        v1_rows = [_to_v1(r, self.rng) for r in penalties[json_end:]]
        _write_csv(out / "penalties_v1_gb18030.csv", v1_rows, "gb18030")
        manifest.add("penalties_v1_gb18030.csv", Dataset.PENALTY, len(v1_rows), source="市级旧系统（v1）",
                     defects=sum(1 for r in penalties[json_end:] if _is_defective(r)))

        licences = [self._licence(serial) for serial in range(1, n_licences + 1)]
        _write_jsonl(out / "licences.jsonl", licences)
        manifest.add("licences.jsonl", Dataset.LICENCE, len(licences), source="省级信用平台（v2）")

        court_rows = max(1, n_entries * COURT_SHARE // 100)
        shares = {code: spec[0] for code, spec in DEMO_LISTS.items()}
        per_list = _split(n_entries - court_rows, shares)
        for code, count in per_list.items():
            rows = [self._list_entry(code, serial) for serial in range(1, count + 1)]
            if code == "tax-a-grade":
                _write_xlsx(out / f"list_{code}.xlsx", rows, self.anchor)
                manifest.add(f"list_{code}.xlsx", Dataset.LIST_ENTRY, len(rows), list_code=code, source="税务部门")
            else:
                _write_csv(out / f"list_{code}.csv", rows, "utf-8")
                manifest.add(f"list_{code}.csv", Dataset.LIST_ENTRY, len(rows), list_code=code, source="认定部门")
        debtors = [self._court_debtor(serial) for serial in range(1, court_rows + 1)]
        _write_json(out / "court_debtors.json", debtors)
        shutil.copyfile(MAPPINGS_DIR / "court_debtors.toml", out / "court_debtors.toml")
        manifest.add("court_debtors.json", Dataset.LIST_ENTRY, len(debtors), list_code="court-dishonest-debtors",
                     mapping="court_debtors.toml", source="人民法院失信被执行人名单")
        (out / "repairs.csv").write_text(self._repairs(penalties), encoding="utf-8")
        _write_json(out / "manifest.json", {"seed_anchor": self.anchor.isoformat(), "files": manifest.files,
                                             "repairs": "repairs.csv"})
        return manifest

    def _repairs(self, penalties: list[dict]) -> str:
        """Credit repairs staff granted: general-class penalties past their 3-month minimum, still public."""
        lines = ["authority,decision_number,party"]
        for row in penalties:
            if _is_defective(row) or row["CF_CFLB"] not in ("罚款", "罚款;没收违法所得"):
                continue
            day = dt.date.fromisoformat(row["CF_JDRQ"])
            if 120 < (self.anchor - day).days < 330 and self.rng.random() < 0.15:
                lines.append(f"{row['CF_CFJG']},{row['CF_WSH']},{row['CF_XDR_MC']}")
        return "\n".join(lines) + "\n"


def _is_defective(row: dict) -> bool:
    return (not row["CF_WSH"] or not row["CF_XDR_MC"] or row["CF_CFLB"] == "罚金刑"
            or "-13-" in row["CF_JDRQ"] or (row["CF_XDR_SHXYM"] and not is_valid_uscc(row["CF_XDR_SHXYM"])))


_V1_CODES = {"CF_WSH": "CF_WSH", "CF_XDR_MC": "CF_XDR_MC", "CF_XDR_SHXYM": "CF_XDR_SHXYM", "CF_FRDB": "CF_FR",
             "CF_XDR_ZJHM": "CF_XDR_SFZ", "CF_SY": "CF_SY", "CF_YJ": "CF_YJ", "CF_NR": "CF_JG", "CF_JDRQ": "CF_JDRQ",
             "CF_CFJG": "CF_XZJG", "BZ": "BZ"}


def _to_v1(row: dict, rng: random.Random) -> dict:
    """The same decision as an older v1 feed sends it: v1 codes, two kind columns, Chinese dates, a status."""
    v1 = {v1_code: row[v2_code] for v2_code, v1_code in _V1_CODES.items()}
    kinds = row["CF_CFLB"].split(";")
    v1["CF_CFMC"] = f"{row['CF_XDR_MC']}{row['CF_WFXW']}案"
    v1["CF_CFLB1"] = kinds[0]
    v1["CF_CFLB2"] = kinds[1] if len(kinds) > 1 else ""
    v1["CF_JDRQ"] = f"{dt.date.fromisoformat(row['CF_JDRQ']):%Y年%m月%d日}" if "-13-" not in row["CF_JDRQ"] \
        else row["CF_JDRQ"]
    v1["CF_ZT"] = "撤销" if rng.random() < 0.03 else "正常"
    v1["DFBM"] = row["CF_CFJGDM"][2:8]
    v1["SJC"] = row["CF_JDRQ"]
    return v1


def _split(total: int, shares: dict[str, int]) -> dict[str, int]:
    """Divide `total` rows between lists in proportion to their shares, every list getting at least one."""
    weight = sum(shares.values())
    counts = {code: max(1, total * share // weight) for code, share in shares.items()}
    return counts


def _write_csv(path: Path, rows: list[dict], encoding: str) -> None:
    with path.open("w", encoding=encoding, newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=list(rows[0]) if rows else [])
        writer.writeheader()
        writer.writerows(rows)


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _write_jsonl(path: Path, rows: list[dict]) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")


def _write_xlsx(path: Path, rows: list[dict], anchor: dt.date) -> None:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    stamp = dt.datetime(anchor.year, anchor.month, anchor.day)
    workbook.properties.created = workbook.properties.modified = stamp
    sheet = workbook.create_sheet("名单")
    header = list(rows[0]) if rows else []
    sheet.append(header)
    for row in rows:
        sheet.append([row[h] for h in header])
    workbook.save(path)
    _fix_zip_times(path, stamp)


def _fix_zip_times(path: Path, stamp: dt.datetime) -> None:
    """Give every member of a zip the same timestamp, so the same seed gives the same bytes (openpyxl also writes
    the time of saving into the document properties, whatever the workbook says)."""
    with zipfile.ZipFile(path) as source:
        members = [(info, source.read(info)) for info in source.infolist()]
    modified = f"<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{stamp:%Y-%m-%dT%H:%M:%SZ}</dcterms:modified>"
    members = [(info, re.sub(rb"<dcterms:modified [^>]*>[^<]*</dcterms:modified>", modified.encode(), data)
                if info.filename == "docProps/core.xml" else data) for info, data in members]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in members:
            fixed = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)

