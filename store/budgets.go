package store

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/costgate/costgate/budget"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/shopspring/decimal"
)

// ErrBudgetScopeTaken is returned when another stored policy has the same
// scope (organization and workspace id, name or pattern).
var ErrBudgetScopeTaken = errors.New("a budget policy with this scope already exists")

// BudgetPolicy is a stored policy with who changed it and when.
type BudgetPolicy struct {
	budget.Policy
	CreatedBy string
	CreatedAt time.Time
	UpdatedBy string
	UpdatedAt time.Time
}

// BudgetPolicyChange is one entry of a policy's history.
type BudgetPolicyChange struct {
	ID        int64
	PolicyID  string
	Action    string // create, update, delete
	Actor     string
	ChangedAt time.Time
	Before    json.RawMessage // the policy's JSON before; nil on create
	After     json.RawMessage // the policy's JSON after; nil on delete
}

const budgetColumns = `id, organization, workspace_id, workspace_name, workspace_pattern,
    max_monthly_cost::text, max_monthly_increase::text, max_increase_percent::text,
    warn_monthly_cost::text, warn_monthly_increase::text, warn_increase_percent::text,
    organization_monthly_budget::text, fail_on_unpriced, on_error,
    created_by, created_at, updated_by, updated_at`

// policyJSON renders a row of budget_policies (alias p) in the policy's
// JSON form, for the history.
const policyJSON = `jsonb_build_object(
    'id', p.id, 'organization', p.organization, 'workspace_id', p.workspace_id,
    'workspace_name', p.workspace_name, 'workspace_pattern', p.workspace_pattern,
    'max_monthly_cost', p.max_monthly_cost::text, 'max_monthly_increase', p.max_monthly_increase::text,
    'max_increase_percent', p.max_increase_percent::text, 'warn_monthly_cost', p.warn_monthly_cost::text,
    'warn_monthly_increase', p.warn_monthly_increase::text, 'warn_increase_percent', p.warn_increase_percent::text,
    'organization_monthly_budget', p.organization_monthly_budget::text,
    'fail_on_unpriced', p.fail_on_unpriced, 'on_error', p.on_error)`

// ListBudgetPolicies returns every stored policy, by organization then scope.
func ListBudgetPolicies(ctx context.Context, db DBTX) ([]BudgetPolicy, error) {
	return queryBudgetPolicies(ctx, db, `SELECT `+budgetColumns+` FROM budget_policies ORDER BY organization, scope_key, id`)
}

// BudgetPoliciesOf returns the stored policies of one organization, as the
// decision needs them.
func BudgetPoliciesOf(ctx context.Context, db DBTX, organization string) ([]budget.Policy, error) {
	stored, err := queryBudgetPolicies(ctx, db, `SELECT `+budgetColumns+` FROM budget_policies WHERE organization = $1 ORDER BY scope_key, id`, organization)
	if err != nil {
		return nil, err
	}
	out := make([]budget.Policy, len(stored))
	for i, p := range stored {
		out[i] = p.Policy
	}
	return out, nil
}

// GetBudgetPolicy loads one policy; ErrNotFound when there is none.
func GetBudgetPolicy(ctx context.Context, db DBTX, id string) (BudgetPolicy, error) {
	list, err := queryBudgetPolicies(ctx, db, `SELECT `+budgetColumns+` FROM budget_policies WHERE id = $1`, id)
	if err != nil {
		return BudgetPolicy{}, err
	}
	if len(list) == 0 {
		return BudgetPolicy{}, fmt.Errorf("budget policy %q: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// CreateBudgetPolicy stores a validated policy under a new id and records
// the change, in one statement. actor names who did it (never a secret).
func CreateBudgetPolicy(ctx context.Context, db DBTX, p budget.Policy, actor string) (BudgetPolicy, error) {
	id, err := newPolicyID()
	if err != nil {
		return BudgetPolicy{}, err
	}
	p.Normalize()
	args := append([]any{id, actor}, policyArgs(p)...)
	list, err := queryBudgetPolicies(ctx, db, `
WITH p AS (
    INSERT INTO budget_policies (id, created_by, updated_by, organization, workspace_id, workspace_name, workspace_pattern,
        max_monthly_cost, max_monthly_increase, max_increase_percent,
        warn_monthly_cost, warn_monthly_increase, warn_increase_percent,
        organization_monthly_budget, fail_on_unpriced, on_error)
    VALUES ($1, $2, $2, $3, $4, $5, $6, $7::numeric, $8::numeric, $9::numeric, $10::numeric, $11::numeric,
        $12::numeric, $13::numeric, $14, $15)
    RETURNING *
), audit AS (
    INSERT INTO budget_policy_changes (policy_id, action, actor, after)
    SELECT p.id, 'create', $2, `+policyJSON+` FROM p
)
SELECT `+budgetColumns+` FROM p`, args...)
	if err != nil {
		return BudgetPolicy{}, scopeTaken(err, "creating budget policy")
	}
	return list[0], nil
}

// UpdateBudgetPolicy replaces policy id with p (its id is kept) and records
// the change with the policy before and after; ErrNotFound when id is unknown.
func UpdateBudgetPolicy(ctx context.Context, db DBTX, id string, p budget.Policy, actor string) (BudgetPolicy, error) {
	p.Normalize()
	args := append([]any{id, actor}, policyArgs(p)...)
	list, err := queryBudgetPolicies(ctx, db, `
WITH old AS (
    SELECT `+policyJSON+` AS doc FROM budget_policies p WHERE p.id = $1 FOR UPDATE
), p AS (
    UPDATE budget_policies SET updated_by = $2, updated_at = now(), organization = $3,
        workspace_id = $4, workspace_name = $5, workspace_pattern = $6,
        max_monthly_cost = $7::numeric, max_monthly_increase = $8::numeric, max_increase_percent = $9::numeric,
        warn_monthly_cost = $10::numeric, warn_monthly_increase = $11::numeric, warn_increase_percent = $12::numeric,
        organization_monthly_budget = $13::numeric, fail_on_unpriced = $14, on_error = $15
    WHERE id = $1 AND EXISTS (SELECT 1 FROM old)
    RETURNING *
), audit AS (
    INSERT INTO budget_policy_changes (policy_id, action, actor, before, after)
    SELECT p.id, 'update', $2, (SELECT doc FROM old), `+policyJSON+` FROM p
)
SELECT `+budgetColumns+` FROM p`, args...)
	if err != nil {
		return BudgetPolicy{}, scopeTaken(err, fmt.Sprintf("updating budget policy %q", id))
	}
	if len(list) == 0 {
		return BudgetPolicy{}, fmt.Errorf("budget policy %q: %w", id, ErrNotFound)
	}
	return list[0], nil
}

// DeleteBudgetPolicy removes a policy and records it; ErrNotFound when id is unknown.
func DeleteBudgetPolicy(ctx context.Context, db DBTX, id, actor string) error {
	var deleted string
	err := db.QueryRow(ctx, `
WITH p AS (
    DELETE FROM budget_policies WHERE id = $1 RETURNING *
), audit AS (
    INSERT INTO budget_policy_changes (policy_id, action, actor, before)
    SELECT p.id, 'delete', $2, `+policyJSON+` FROM p
)
SELECT id FROM p`, id, actor).Scan(&deleted)
	if err != nil {
		return notFound(err, fmt.Sprintf("budget policy %q", id))
	}
	return nil
}

// BudgetPolicyChanges returns the history of one policy, newest first.
func BudgetPolicyChanges(ctx context.Context, db DBTX, policyID string) ([]BudgetPolicyChange, error) {
	rows, err := db.Query(ctx, `SELECT id, policy_id, action, actor, changed_at, before, after
FROM budget_policy_changes WHERE policy_id = $1 ORDER BY id DESC`, policyID)
	if err != nil {
		return nil, fmt.Errorf("loading history of budget policy %q: %w", policyID, err)
	}
	changes, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (BudgetPolicyChange, error) {
		var c BudgetPolicyChange
		var before, after []byte
		err := row.Scan(&c.ID, &c.PolicyID, &c.Action, &c.Actor, &c.ChangedAt, &before, &after)
		c.Before, c.After = before, after
		return c, err
	})
	if err != nil {
		return nil, fmt.Errorf("loading history of budget policy %q: %w", policyID, err)
	}
	return changes, nil
}

// OrganizationCosts returns each workspace's current monthly cost in an
// organization: the cost of its latest priced run. A plan's prior state is
// what exists now, so that is the prior cost; after a post_apply run the
// applied (proposed) cost is what exists.
func OrganizationCosts(ctx context.Context, db DBTX, organization string) ([]budget.WorkspaceCost, error) {
	rows, err := db.Query(ctx, `
SELECT DISTINCT ON (r.workspace_id) r.workspace_id, r.workspace_name, `+currentCostSQL+`::text
FROM runs r JOIN estimates e ON e.run_pk = r.id
WHERE r.organization = $1
ORDER BY r.workspace_id, r.received_at DESC, r.id DESC`, organization)
	if err != nil {
		return nil, fmt.Errorf("loading workspace costs of %q: %w", organization, err)
	}
	costs, err := pgx.CollectRows(rows, func(row pgx.CollectableRow) (budget.WorkspaceCost, error) {
		var w budget.WorkspaceCost
		var cost string
		if err := row.Scan(&w.WorkspaceID, &w.WorkspaceName, &cost); err != nil {
			return w, err
		}
		d, err := decimal.NewFromString(cost)
		w.MonthlyCost = d
		return w, err
	})
	if err != nil {
		return nil, fmt.Errorf("loading workspace costs of %q: %w", organization, err)
	}
	return costs, nil
}

func queryBudgetPolicies(ctx context.Context, db DBTX, sql string, args ...any) ([]BudgetPolicy, error) {
	rows, err := db.Query(ctx, sql, args...)
	if err != nil {
		return nil, err
	}
	list, err := pgx.CollectRows(rows, scanBudgetPolicy)
	if err != nil {
		return nil, err
	}
	return list, nil
}

func scanBudgetPolicy(row pgx.CollectableRow) (BudgetPolicy, error) {
	var p BudgetPolicy
	var amounts [7]*string
	err := row.Scan(&p.ID, &p.Organization, &p.WorkspaceID, &p.WorkspaceName, &p.WorkspacePattern,
		&amounts[0], &amounts[1], &amounts[2], &amounts[3], &amounts[4], &amounts[5], &amounts[6],
		&p.FailOnUnpriced, &p.OnError, &p.CreatedBy, &p.CreatedAt, &p.UpdatedBy, &p.UpdatedAt)
	if err != nil {
		return p, err
	}
	targets := []**decimal.Decimal{&p.MaxMonthlyCost, &p.MaxMonthlyIncrease, &p.MaxIncreasePercent,
		&p.WarnMonthlyCost, &p.WarnMonthlyIncrease, &p.WarnIncreasePercent, &p.OrganizationMonthlyBudget}
	for i, s := range amounts {
		if s == nil {
			continue
		}
		d, err := decimal.NewFromString(*s)
		if err != nil {
			return p, fmt.Errorf("budget policy %s: stored amount %q: %w", p.ID, *s, err)
		}
		*targets[i] = &d
	}
	p.Source = budget.SourceAPI
	return p, nil
}

// policyArgs are $3..$15 of the insert and update statements.
func policyArgs(p budget.Policy) []any {
	amount := func(d *decimal.Decimal) *string {
		if d == nil {
			return nil
		}
		s := d.String()
		return &s
	}
	return []any{p.Organization, p.WorkspaceID, p.WorkspaceName, p.WorkspacePattern,
		amount(p.MaxMonthlyCost), amount(p.MaxMonthlyIncrease), amount(p.MaxIncreasePercent),
		amount(p.WarnMonthlyCost), amount(p.WarnMonthlyIncrease), amount(p.WarnIncreasePercent),
		amount(p.OrganizationMonthlyBudget), p.FailOnUnpriced, p.OnError}
}

func scopeTaken(err error, what string) error {
	var pgErr *pgconn.PgError
	if errors.As(err, &pgErr) && pgErr.Code == "23505" && pgErr.ConstraintName == "budget_policies_scope_key_key" {
		return fmt.Errorf("%s: %w", what, ErrBudgetScopeTaken)
	}
	return fmt.Errorf("%s: %w", what, err)
}

// newPolicyID is a random UUID (version 4).
func newPolicyID() (string, error) {
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("generating policy id: %w", err)
	}
	b[6] = b[6]&0x0f | 0x40
	b[8] = b[8]&0x3f | 0x80
	h := hex.EncodeToString(b[:])
	return h[0:8] + "-" + h[8:12] + "-" + h[12:16] + "-" + h[16:20] + "-" + h[20:], nil
}
