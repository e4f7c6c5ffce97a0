/**
 * One sentence for an operator in both languages, Bahasa Indonesia first. Drivers cannot import
 * src-main/, so their typed errors carry texts of this shape (src-main/domain/i18n.ts `Message`
 * is the same shape; services format both with `format`).
 */
export interface OperatorMessage {
  id: string;
  en: string;
}
