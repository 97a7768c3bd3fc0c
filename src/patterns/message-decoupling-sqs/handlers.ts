import { fail, type HandlerMap } from '../../kit';

/**
 * What this pattern's functions do that the default (work, then call each edge in order) does
 * not: Customer writes the payment, then hands the transaction to the queue, or, without the
 * queue, invokes Sales and waits. Sales keeps the default: work, then write the sales database.
 */
export const handlers: HandlerMap = {
  customer: (h) =>
    h.work(() =>
      h.call('customerToDb', (db) => {
        if (!db.ok) return h.done(fail('error', 'customer database unavailable'));
        if (h.has('customerToQueue')) {
          // SendMessage succeeded: the queue holds the transaction; the user hears "accepted".
          h.call('customerToQueue', (sent) => h.done(sent.ok ? { ok: true, status: 202 } : sent));
          return;
        }
        h.call('customerToSales', (sales) => {
          // Without the queue the payment's fate is Sales' outcome. Customer catches Sales'
          // TooManyRequestsException and answers a 429 proxy response (the payment is lost to a
          // throttle); any other failure propagates and API Gateway answers 502.
          if (sales.ok) h.done({ ok: true, status: 200 });
          else if (sales.error === 'throttled')
            h.done({ ok: true, status: 429, fate: 'throttled' });
          else h.done(sales);
        });
      }),
    ),
};
