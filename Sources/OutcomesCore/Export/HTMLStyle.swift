/// The style sheet inlined in report.html: a 1200 px column for screens, A4 landscape for print,
/// and a font stack that renders Korean and Chinese (Noto Sans CJK, Malgun Gothic, …).
/// It holds no `<` or `&`, so the page stays well-formed XML as well as HTML.
enum HTMLStyle {
    static let css = """
    :root { --ink: #1f2933; --muted: #5f6b7a; --line: #d9dee5; --panel: #f5f7fa; --accent: #1f5fa8;
      --accent2: #d9822b; --bad: #b42318; }
    * { box-sizing: border-box; }
    html { -webkit-text-size-adjust: 100%; }
    body { margin: 0; color: var(--ink); background: #fff; font-size: 14px; line-height: 1.45;
      font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans CJK KR", "Noto Sans KR",
        "Noto Sans CJK SC", "Malgun Gothic", "Apple SD Gothic Neo", "Microsoft YaHei", "PingFang SC", sans-serif; }
    main { max-width: 1200px; margin: 0 auto; padding: 24px 32px 48px; }
    header h1 { font-size: 26px; margin: 0 0 4px; }
    .meta { color: var(--muted); margin: 0; }
    h2 { font-size: 19px; margin: 32px 0 12px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
    h3 { font-size: 15px; margin: 20px 0 8px; }
    .cards { display: grid; grid-template-columns: repeat(4, minmax(0, 1fr)); gap: 12px; }
    .card { background: var(--panel); border: 1px solid var(--line); border-radius: 6px; padding: 10px 14px; }
    .card .label { color: var(--muted); font-size: 12.5px; }
    .card .figure { font-size: 22px; font-weight: 650; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .card .sub { color: var(--muted); font-size: 12px; }
    .charts { display: grid; grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 20px; }
    figure { margin: 0; border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
    #chart-monthly { grid-column: 1 / -1; }
    #chart-monthly svg { max-width: 900px; margin: 0 auto; }
    figcaption { font-weight: 600; margin-bottom: 6px; }
    svg { display: block; width: 100%; height: auto; font-family: inherit; }
    svg text { font-size: 12px; fill: var(--ink); }
    svg text.axis, svg text.value { fill: var(--muted); font-size: 11px; }
    .bar rect { fill: var(--accent); }
    .bar.alt rect { fill: var(--bad); }
    .grid { stroke: var(--line); stroke-width: 1; }
    .series polyline, .series line { fill: none; stroke-width: 2.5; }
    .series.leads polyline, .series.leads line { stroke: var(--accent); }
    .series.leads circle { fill: var(--accent); }
    .series.contracts polyline, .series.contracts line { stroke: var(--accent2); }
    .series.contracts circle { fill: var(--accent2); }
    .table-wrap { overflow-x: auto; }
    table { border-collapse: collapse; width: 100%; font-size: 12.5px; }
    th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top;
      word-break: keep-all; overflow-wrap: break-word; }
    thead th { background: var(--panel); position: sticky; top: 0; vertical-align: bottom; }
    td.key { min-width: 9em; }
    td.num { white-space: nowrap; }
    td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
    tr.group td { font-weight: 650; background: #fafbfc; }
    td.raw { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, "Noto Sans Mono CJK KR", monospace;
      white-space: pre-wrap; word-break: break-all; max-width: 280px; }
    .note { color: var(--muted); font-size: 12.5px; }
    footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
    @page { size: A4 landscape; margin: 12mm; }
    @media print {
      body { font-size: 9.5pt; }
      main { max-width: none; padding: 0; }
      h2 { break-after: avoid; }
      figure, .card, .cards { break-inside: avoid; }
      .charts { grid-template-columns: repeat(2, minmax(0, 1fr)); }
      .table-wrap { overflow: visible; }
      table { font-size: 8pt; }
      thead { display: table-header-group; }
      thead th { position: static; }
      tr { break-inside: avoid; }
      * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
    }
    """
}
