export interface TableData {
  caption: string;
  /** The first column names each row (a row header); the others hold its numbers. */
  columns: readonly string[];
  rows: readonly (readonly (string | number)[])[];
}

/** A chart's numbers as a table: hidden from sight for screen readers, or shown when the chart fails. */
export function DataTable({ data, visible = false }: { data: TableData; visible?: boolean }) {
  const table = (
    <table className="insights-table">
      <caption>{data.caption}</caption>
      <thead>
        <tr>
          {data.columns.map((column) => (
            <th key={column} scope="col">
              {column}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {data.rows.map(([name, ...values]) => (
          <tr key={String(name)}>
            <th scope="row">{name}</th>
            {values.map((value, index) => (
              <td key={data.columns[index + 1] ?? index}>{value}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
  // A table grows to fit its content whatever its width says; a 1px box around it does not.
  return visible ? table : <div className="insights-sr-only">{table}</div>;
}
