// Reply and forward prefixes written by mail clients in the languages our customers use:
// Re/RE (most), AW/Antwort + WG (de), SV/VS (nordic), Antw/Doorst (nl), Réf/TR (fr),
// R/RIF/I (it), RES/RESP/ENC (pt), RV (es), Fwd/Fw, 回复/答复/转发 (zh), with an optional
// counter (`Re[2]:`, `Re(2):`, `Re^2:`) and an ASCII or full-width colon.
export const SUBJECT_PREFIX =
  /^(?:re|aw|antwort|wg|sv|vs|antw|doorst|r[ée]f|tr|r|rif|i|res|resp|enc|rv|fwd?|回复|答复|转发)\s*(?:\[\d+\]|\(\d+\)|\^\d+)?\s*[:：]\s*/iu;
