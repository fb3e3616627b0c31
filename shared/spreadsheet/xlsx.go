package spreadsheet

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// unzipLimit bounds the decompressed size of a workbook, against ZIP bombs.
const unzipLimit = 128 << 20

// readXLSX reads the first sheet of a workbook. Cell values are read raw
// (the stored value, not the displayed text): the displayed text of a long
// number is in scientific notation even when the file holds every digit.
func readXLSX(data []byte, maxRows int) (Table, error) {
	if bytes.HasPrefix(data, oleMagic) {
		return Table{}, ErrLegacyXLS
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		return Table{}, err
	}
	t := Table{close: func() { _ = f.Close() }}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return t, ErrNoSheet
	}
	sheet := sheets[0]
	rows, err := f.Rows(sheet)
	if err != nil {
		return t, err
	}
	c := collector{max: maxRows}
	line := 0
	for rows.Next() {
		line++ // Next visits every row number, gaps included
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err == nil {
			err = c.add(line, cells)
		}
		if err != nil {
			_ = rows.Close()
			return t, err
		}
	}
	if err := rows.Error(); err != nil {
		_ = rows.Close()
		return t, err
	}
	if err := rows.Close(); err != nil {
		return t, err
	}
	t.Records = c.recs
	t.numeric = func(line, col int) bool {
		ref, err := excelize.CoordinatesToCellName(col+1, line)
		if err != nil {
			return false
		}
		ct, err := f.GetCellType(sheet, ref)
		return err == nil && (ct == excelize.CellTypeUnset || ct == excelize.CellTypeNumber)
	}
	return t, nil
}
