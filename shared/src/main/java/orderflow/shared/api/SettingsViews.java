package orderflow.shared.api;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import orderflow.shared.domain.Seller;
import orderflow.shared.domain.calendar.HolidayPresets;
import orderflow.shared.domain.calendar.ShippingCalendar;
import orderflow.shared.domain.settings.StorefrontState;
import orderflow.shared.service.SettingsService;

/** The JSON shape of GET and PATCH /v1/settings (docs/api.md#seller-settings). */
public final class SettingsViews {

    private SettingsViews() {
    }

    public static Map<String, Object> settings(SettingsService.Settings s) {
        Seller seller = s.seller();
        ShippingCalendar c = seller.calendar();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("storeName", seller.storeName());
        json.put("notifyEmail", seller.notifyEmail());
        json.put("replyTo", seller.replyTo());
        json.put("supportContact", seller.supportContact());
        json.put("handlingDays", seller.handlingDays());
        json.put("transitDays", seller.transitDays());
        json.put("timeZone", seller.timeZone().getId());
        json.put("unpaidCancelDays", seller.unpaidCancelDays());
        json.put("cutoff", c.cutoff() == null ? null : c.cutoff().toString());
        json.put("workingDays", c.workingDays().stream().sorted().map(Enum::name).toList());
        json.put("holidayCountry", c.holidayCountry());
        json.put("holidaysAdded", dates(c.addedHolidays()));
        json.put("holidaysRemoved", dates(c.removedHolidays()));
        int year = s.today().getYear();
        Map<String, Object> holidays = new LinkedHashMap<>();
        holidays.put(Integer.toString(year), holidays(c, year));
        holidays.put(Integer.toString(year + 1), holidays(c, year + 1));
        json.put("holidays", holidays);
        json.put("holidayCountries", List.copyOf(HolidayPresets.countries()));
        Map<String, Object> policy = new LinkedHashMap<>(ReturnViews.policy(s.returnPolicy()));
        policy.put("href", "/v1/return-policy");
        json.put("returnPolicy", policy);
        json.put("storefronts", s.storefronts().stream().map(SettingsViews::storefront).toList());
        return json;
    }

    /** Each day off with its preset's name (null: one the seller added). */
    private static List<Map<String, Object>> holidays(ShippingCalendar c, int year) {
        Map<LocalDate, String> names = c.holidayCountry() == null ? Map.of()
                : HolidayPresets.holidays(c.holidayCountry(), year);
        return c.holidays(year).stream().map(d -> {
            Map<String, Object> day = new LinkedHashMap<>();
            day.put("date", d.toString());
            day.put("name", names.get(d));
            day.put("added", c.addedHolidays().contains(d));
            return day;
        }).toList();
    }

    private static List<String> dates(java.util.SortedSet<LocalDate> dates) {
        return dates.stream().map(LocalDate::toString).toList();
    }

    private static Map<String, Object> storefront(StorefrontState s) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("storefrontId", s.storefrontId());
        json.put("type", s.type());
        json.put("linked", s.linked());
        json.put("writeBackPlatform", s.writeBackPlatform());
        json.put("lastOrderAt", text(s.lastOrderAt()));
        json.put("ordersLooked", s.ordersLooked());
        json.put("stockPushesFailed", s.stockPushesFailed());
        json.put("lastStockPushAt", text(s.lastStockPushAt()));
        return json;
    }

    private static String text(Instant at) {
        return at == null ? null : at.toString();
    }
}
