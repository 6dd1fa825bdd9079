/**
 * Edit and commit handling of the alert rules grid (singleton): which cells may be edited (the
 * condition of custom rules only, no threshold for quorum-lost), the PUT patch an edit makes
 * (threshold read as a number when it is one, for-duration as ms when readable — else the text, and
 * the API answers why it is wrong), clicks on the enabled switch / "Reset to default" / "Delete",
 * and the writes through AlertRulesApi (admin token asked once) with their outcome shown in the
 * panel's banner. A refused value is rejected in the grid and the API's own message shown.
 */
(function () {
  const ns = () => Flamingo2.view.monitoring.common;
  const t = (key: string, args?: Array<string | number>) => ns().Texts.t(key, args);
  const enc = (s: string) => Ext.String.htmlEncode(s);

  interface EditContext {
    record: DfAlertRuleRecord;
    field: keyof DfAlertRuleRow;
    value: unknown;
    originalValue: unknown;
    cancel?: boolean;
  }

  /** What to show when a write failed (nothing when the token dialog was cancelled). */
  function failed(panel: DfAlertRulesPanel, err: DfApiError): void {
    if (err.code !== 'CANCELLED') panel.banner('error', ns().AlertRulesApi.errorText(err));
  }

  const AlertRulesEditing: DfAlertRulesEditing = {
    rulePath: (cluster, id) => '/clusters/' + encodeURIComponent(cluster) + '/rules' + (id ? '/' + encodeURIComponent(id) : ''),

    cellEditing: (panel) => ({
      ptype: 'cellediting',
      clicksToEdit: 1,
      listeners: {
        beforeedit: (_ed: unknown, ctx: EditContext) => {
          const rule = ctx.record.get('rule');
          if (ctx.field === 'op') return rule.origin === 'custom' && rule.op !== 'quorum-lost';
          if (ctx.field === 'threshold') return rule.op !== 'quorum-lost';
          return true;
        },
        edit: (_ed: unknown, ctx: EditContext) => {
          if (String(ctx.value) === String(ctx.originalValue)) return;
          const R = ns().AlertRulesModel;
          const patch: Record<string, unknown> = {};
          if (ctx.field === 'threshold') patch['threshold'] = R.parseThreshold(ctx.value);
          else if (ctx.field === 'forText') {
            const ms = R.parseDuration(String(ctx.value));
            patch['forMs'] = ms === null ? String(ctx.value) : ms;
          } else patch[ctx.field] = ctx.value;
          panel.save(ctx.record, patch);
        },
      },
    }),

    cellClick: (panel, rec, e) => {
      const rule = rec.get('rule');
      if (e.getTarget('[data-action=toggle]')) panel.save(rec, { enabled: !rule.enabled });
      else if (e.getTarget('[data-action=reset]')) panel.reset(rule);
      else if (e.getTarget('[data-action=delete]')) panel.deleteRule(rule);
    },

    save: (panel, rec, patch) => {
      const rule = rec.get('rule');
      ns()
        .AlertRulesApi.write<DfRule>('PUT', AlertRulesEditing.rulePath(panel.cluster, rule.id), patch)
        .then(
          (updated) => {
            panel.updateTokenState();
            if (panel.isDestroyed) return;
            panel.applyRule(updated);
            panel.banner('ok', t('monitoring.kafka.common.rules.saved', [ns().AlertRulesModel.name(updated)]));
            panel.loadStates();
          },
          (err: DfApiError) => {
            panel.updateTokenState();
            if (panel.isDestroyed) return;
            rec.reject();
            if (err.code === 'CANCELLED') panel.banner(null);
            else panel.banner('error', ns().AlertRulesApi.errorText(err));
          },
        );
    },

    reset: (panel, rule) => {
      ns()
        .AlertRulesApi.write<DfRule>('DELETE', AlertRulesEditing.rulePath(panel.cluster, rule.id))
        .then(
          (back) => {
            panel.updateTokenState();
            panel.applyRule(back);
            panel.banner('ok', t('monitoring.kafka.common.rules.reset_done', [ns().AlertRulesModel.name(back)]));
          },
          (err: DfApiError) => {
            panel.updateTokenState();
            failed(panel, err);
          },
        );
    },

    deleteRule: (panel, rule) => {
      const name = ns().AlertRulesModel.name(rule);
      const Msg = (Ext as unknown as { Msg: { confirm(title: string, msg: string, fn: (btn: string) => void): void } }).Msg;
      Msg.confirm(enc(t('monitoring.kafka.common.rules.delete')), enc(t('monitoring.kafka.common.rules.confirm_delete', [name])), (btn) => {
        if (btn !== 'yes') return;
        ns()
          .AlertRulesApi.write<{ deleted: boolean }>('DELETE', AlertRulesEditing.rulePath(panel.cluster, rule.id))
          .then(
            () => {
              panel.updateTokenState();
              panel.banner('ok', t('monitoring.kafka.common.rules.deleted', [name]));
              panel.reload();
            },
            (err: DfApiError) => {
              panel.updateTokenState();
              failed(panel, err);
            },
          );
      });
    },
  };

  Ext.define(
    'Flamingo2.view.monitoring.common.AlertRulesEditing',
    Object.assign(
      {
        singleton: true,
        requires: [
          'Ext.grid.plugin.CellEditing',
          'Flamingo2.view.monitoring.common.AlertRulesApi',
          'Flamingo2.view.monitoring.common.AlertRulesModel',
          'Flamingo2.view.monitoring.common.Texts',
        ],
      },
      AlertRulesEditing,
    ),
  );
})();
