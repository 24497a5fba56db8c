// Spreadsheet formula injection: a cell that starts with = + - @ tab or CR is run as a formula by
// Excel, LibreOffice and Sheets (a document titled «=HYPERLINK("http://…","open")» becomes a link
// in the analyst's spreadsheet). OWASP's advice: prefix such a cell with a single quote, which the
// spreadsheet shows as text. Only strings are touched; numbers such as a longitude of -3.7 stay numbers.
// It lives here because the exporter writes such cells and the ACLED importer reads our own export back.
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralizeCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** The cell as written before neutralizeCell (our own importer reads our exports back). */
export function restoreCell(value: string): string {
  return value.length > 1 && value[0] === "'" && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}
