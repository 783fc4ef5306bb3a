import json

import pytest
from openpyxl import Workbook

from apps.common.errors import InvalidInput
from apps.ingestion.readers import ROW_ERROR, open_rows

ROW = {"CF_WSH": "苏市监罚〔2023〕123号", "CF_XDR_MC": "南京某某食品有限公司"}


def test_json_array(tmp_path):
    path = tmp_path / "a.json"
    path.write_text(json.dumps([ROW, ROW], ensure_ascii=False), encoding="utf-8")
    source = open_rows(path)
    assert (source.format, list(source.rows)) == ("json", [ROW, ROW])


def test_json_rows_wrapper_as_the_platform_returns_it(tmp_path):
    path = tmp_path / "w.json"
    path.write_text(json.dumps({"total": 2, "rows": [ROW, ROW]}, ensure_ascii=False), encoding="utf-8")
    assert list(open_rows(path).rows) == [ROW, ROW]


def test_json_lines(tmp_path):
    path = tmp_path / "l.json"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in (ROW, ROW)) + "\n", encoding="utf-8")
    source = open_rows(path)
    assert (source.format, len(list(source.rows))) == ("jsonl", 2)


def test_json_lines_whose_rows_hold_lists_are_not_taken_for_a_wrapper(tmp_path):
    path = tmp_path / "l.jsonl.txt"
    row = {"CF_CFLB": ["罚款", "警告"], "CF_WSH": "x"}
    path.write_text(json.dumps(row, ensure_ascii=False) + "\n" + json.dumps(row, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert list(open_rows(path).rows) == [row, row]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_csv_in_each_encoding_feeds_use(tmp_path, write_csv, encoding):
    path = write_csv([ROW], encoding=encoding)
    source = open_rows(path)
    assert (source.format, list(source.rows)) == ("csv", [ROW])


def test_xlsx(tmp_path):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(list(ROW))
    sheet.append(list(ROW.values()))
    path = tmp_path / "a.xlsx"
    workbook.save(path)
    assert list(open_rows(path).rows) == [ROW]


def test_rows_are_read_lazily(tmp_path):
    # The first row comes out before the broken tail is reached: the reader streams, it does not load the file.
    path = tmp_path / "broken.json"
    path.write_text('[{"CF_WSH": "a"}, {"CF_WSH": ', encoding="utf-8")
    rows = open_rows(path).rows
    assert next(rows) == {"CF_WSH": "a"}
    with pytest.raises(InvalidInput):
        next(rows)


def test_missing_file_is_a_clear_error(tmp_path):
    with pytest.raises(InvalidInput, match="not found"):
        open_rows(tmp_path / "nope.csv")


def test_csv_row_with_shifted_columns_is_reported_not_misread(tmp_path):
    path = tmp_path / "ragged.csv"
    path.write_text("CF_WSH,CF_XDR_MC\n苏市监罚〔2023〕1号,南京某公司,多出的一列\n", encoding="utf-8")
    row = next(open_rows(path).rows)
    assert "3 fields" in row[ROW_ERROR]
