package userimport

import (
	"bytes"

	"github.com/xuri/excelize/v2"
)

// unzipLimit bounds the decompressed size of a workbook, against ZIP bombs.
const unzipLimit = 128 << 20

// readXLSX reads the first sheet of a workbook. Cell values are read raw
// (the stored value, not the displayed text): the displayed text of a long
// number is in scientific notation even when the file holds every digit.
// The returned close function releases excelize's temporary files.
func readXLSX(data []byte) (table, func(), error) {
	if bytes.HasPrefix(data, oleMagic) {
		return table{}, nil, &FileError{Code: CodeLegacyXLS}
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: unzipLimit})
	if err != nil {
		return table{}, nil, err
	}
	closeFn := func() { _ = f.Close() }
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return table{}, closeFn, &FileError{Code: CodeEmptyFile}
	}
	sheet := sheets[0]
	rows, err := f.Rows(sheet)
	if err != nil {
		return table{}, closeFn, err
	}
	var c collector
	line := 0
	for rows.Next() {
		line++ // Next visits every row number, gaps included
		cells, err := rows.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			_ = rows.Close()
			return table{}, closeFn, err
		}
		if err := c.add(line, cells); err != nil {
			_ = rows.Close()
			return table{}, closeFn, err
		}
	}
	if err := rows.Error(); err != nil {
		_ = rows.Close()
		return table{}, closeFn, err
	}
	if err := rows.Close(); err != nil {
		return table{}, closeFn, err
	}
	isNumeric := func(line, col int) bool {
		ref, err := excelize.CoordinatesToCellName(col+1, line)
		if err != nil {
			return false
		}
		t, err := f.GetCellType(sheet, ref)
		return err == nil && (t == excelize.CellTypeUnset || t == excelize.CellTypeNumber)
	}
	return table{records: c.recs, isNumeric: isNumeric}, closeFn, nil
}
