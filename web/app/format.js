// How values read on screen: the browser's locale and time zone, the order's currency.

const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export const STATUS_LABELS = {
  PENDING: 'Pending payment',
  READY: 'Ready',
  BACKORDERED: 'Backordered',
  ON_HOLD: 'On hold',
  UNSHIPPED: 'Unshipped',
  PARTIALLY_SHIPPED: 'Partially shipped',
  SHIPPED: 'Shipped',
  DELIVERED: 'Delivered',
  CANCELED: 'Canceled',
  PARTIALLY_REFUNDED: 'Partially refunded',
  REFUNDED: 'Refunded',
};

export function statusLabel(status) {
  return STATUS_LABELS[status] ?? status ?? '—';
}

/** A return (RMA) and a refund have statuses of their own (a refund's is its storefront notice). */
export const RMA_STATUS_LABELS = { AUTHORIZED: 'Waiting to arrive', RECEIVED: 'Received', CANCELED: 'Canceled' };
export const REFUND_STATUS_LABELS = {
  PENDING: 'Sending to the storefront',
  ACKNOWLEDGED: 'Storefront notified',
  NO_ENDPOINT: 'Pay it on the platform',
};

export function money(value) {
  if (!value) return '—';
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: value.currency }).format(Number(value.amount));
  } catch {
    return `${value.amount} ${value.currency}`;
  }
}

/** a - b, two amounts of one currency as the API writes them ("53.58"), exactly: no floating point. */
export function subtract(a, b) {
  if (!a) return null;
  if (!b) return a;
  const digits = Math.max(decimals(a.amount), decimals(b.amount));
  const minor = (text) => {
    const [whole, fraction = ''] = String(text).replace('-', '').split('.');
    const units = BigInt(whole + fraction.padEnd(digits, '0'));
    return String(text).startsWith('-') ? -units : units;
  };
  const difference = minor(a.amount) - minor(b.amount);
  const sign = difference < 0n ? '-' : '';
  const text = (difference < 0n ? -difference : difference).toString().padStart(digits + 1, '0');
  const amount = digits ? `${text.slice(0, -digits)}.${text.slice(-digits)}` : text;
  return { amount: `${sign}${amount}`, currency: a.currency };
}

function decimals(amount) {
  const dot = String(amount).indexOf('.');
  return dot < 0 ? 0 : String(amount).length - dot - 1;
}

export function isZero(value) {
  return !value || Number(value.amount) === 0;
}

export function dateTime(iso) {
  return iso ? dateTimeFormat.format(new Date(iso)) : '—';
}

export function date(iso) {
  if (!iso) return '—';
  // A bare day ("2026-11-01") is that day here, not midnight UTC shown as the day before.
  return dateFormat.format(new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00` : iso));
}

/** 1468 -> "1 d 0 h", 192 -> "3 h 12 min", 5 -> "5 min". */
export function minutes(total) {
  const m = Math.max(0, Math.floor(total));
  if (m >= 1440) return `${Math.floor(m / 1440)} d ${Math.floor((m % 1440) / 60)} h`;
  if (m >= 60) return `${Math.floor(m / 60)} h ${m % 60} min`;
  return `${m} min`;
}

export function percent(ratio, digits = 1) {
  return ratio === null || ratio === undefined ? '—' : `${(ratio * 100).toFixed(digits)}%`;
}

/** Today in the browser's time zone, as an <input type=date> value. */
export function today() {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * What the API gets for a chosen day: today means now (the API reads a bare day as its start in
 * the seller's time zone, which may still be ahead of the browser's), any other day as it is.
 */
export function dayOrNow(day) {
  return day === today() ? new Date().toISOString() : day;
}

/** The first and last instant of a browser-local day, for the list filters. */
export function dayStart(day) {
  return day ? new Date(`${day}T00:00:00`).toISOString() : null;
}

export function dayEnd(day) {
  return day ? new Date(`${day}T23:59:59.999`).toISOString() : null;
}
